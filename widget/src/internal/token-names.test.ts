import { expect } from '@open-wc/testing';
import { tokenNames as themeKitNames } from '@parley/theme-kit';
import { isTokenName } from './token-names';

describe('token names', () => {
  it('accept every name theme-kit defines', () => {
    expect(themeKitNames.filter((name) => !isTokenName(name))).to.deep.equal([]);
  });

  it('refuse names outside theme-kit’s tiers, private variables and hostile text', () => {
    const refused = [
      '--parley-evil',
      '--parley-',
      '--parley-color',
      '--parley-color-',
      '--parley-color--primary',
      '--parley-palette-primary-50',
      '--parley-palette-brand-500',
      '--parley-radiusx',
      '--parley-z-index-2',
      '--_parley-scheme',
      '--_parley-vvh',
      '--_parley-k',
      '--other-color-primary',
      'color',
      'background-image',
      '--Parley-color-primary',
      '--parley-color-primary ',
      '--parley-color-primary;background:url(x)',
      '--parley-color-primary\n',
      '--parley-color-primary:red',
      '--parley-font-family}:host{--x',
    ];
    expect(refused.filter(isTokenName)).to.deep.equal([]);
  });
});

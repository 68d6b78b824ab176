import { expect } from '@open-wc/testing';
import { tokenNames as themeKitNames } from '@parley/theme-kit';
import { tokenNames } from './token-names';

describe('token names', () => {
  it('match theme-kit’s list exactly', () => {
    expect([...tokenNames]).to.deep.equal([...themeKitNames]);
  });
});

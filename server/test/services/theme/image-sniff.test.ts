import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ImageSniffError, sniffImage } from '../../../src/services/theme/image-sniff';
import { cleanSvg, jpeg1x1, png1x1, pngOfSize, webp1x1 } from './images';

function refusal(bytes: Buffer): string {
  try {
    sniffImage(bytes);
  } catch (error) {
    assert.ok(error instanceof ImageSniffError);
    return error.reason;
  }
  assert.fail('accepted');
}

describe('sniffImage', () => {
  test('recognises PNG, JPEG and WebP by content and reads their size', () => {
    assert.deepEqual(sniffImage(png1x1), {
      type: 'png',
      contentType: 'image/png',
      width: 1,
      height: 1,
    });
    assert.deepEqual(sniffImage(jpeg1x1), {
      type: 'jpg',
      contentType: 'image/jpeg',
      width: 1,
      height: 1,
    });
    assert.deepEqual(sniffImage(webp1x1), {
      type: 'webp',
      contentType: 'image/webp',
      width: 1,
      height: 1,
    });
    assert.deepEqual(sniffImage(pngOfSize(640, 200)), {
      type: 'png',
      contentType: 'image/png',
      width: 640,
      height: 200,
    });
  });

  test('recognises SVG after a declaration, comments or a doctype', () => {
    for (const prefix of [
      '',
      '\uFEFF',
      '<?xml version="1.0"?>\n',
      '<!-- logo -->',
      '<!DOCTYPE svg>',
    ]) {
      assert.equal(sniffImage(Buffer.from(prefix + cleanSvg)).type, 'svg', JSON.stringify(prefix));
    }
  });

  test('refuses other formats whatever they are called', () => {
    for (const bytes of [
      Buffer.from('GIF89a\x01\x00\x01\x00'),
      Buffer.from('<html><svg></svg></html>'),
      Buffer.from('%PDF-1.7'),
      Buffer.from('MZ\x90\x00'),
      Buffer.from('<script>alert(1)</script>'),
      Buffer.alloc(0),
    ]) {
      assert.equal(refusal(bytes), 'unsupported');
    }
  });

  test('a known signature with a broken header is corrupt, not unsupported', () => {
    assert.equal(refusal(png1x1.subarray(0, 12)), 'corrupt');
    assert.equal(refusal(Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x00])), 'corrupt');
    assert.equal(refusal(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8Z', 'latin1')), 'corrupt');
  });
});

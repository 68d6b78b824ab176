/** Raster and vector formats accepted for logos and avatars. */
export type ImageType = 'png' | 'jpg' | 'webp' | 'svg';

/** What the bytes say the image is. */
export interface SniffedImage {
  type: ImageType;
  contentType: string;
  /** Pixel size for raster images; null for SVG (it scales). */
  width: number | null;
  height: number | null;
}

/** Why the bytes were refused: not an accepted format, or one that is malformed. */
export class ImageSniffError extends Error {
  constructor(
    readonly reason: 'unsupported' | 'corrupt',
    message: string,
  ) {
    super(message);
    this.name = 'ImageSniffError';
  }
}

const contentTypes: Record<ImageType, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

const corrupt = (what: string) => new ImageSniffError('corrupt', `The ${what} file is damaged.`);

/**
 * Identifies an image by its content, never its name or declared type, and
 * reads raster dimensions from the header (so a tiny file that would decode
 * to a huge bitmap in every visitor's browser can be refused).
 */
export function sniffImage(bytes: Buffer): SniffedImage {
  const type = detect(bytes);
  if (!type) throw new ImageSniffError('unsupported', 'Upload a PNG, JPEG, WebP or SVG image.');
  const size =
    type === 'png'
      ? pngSize(bytes)
      : type === 'jpg'
        ? jpegSize(bytes)
        : type === 'webp'
          ? webpSize(bytes)
          : null;
  return {
    type,
    contentType: contentTypes[type],
    width: size?.width ?? null,
    height: size?.height ?? null,
  };
}

function detect(bytes: Buffer): ImageType | null {
  if (
    bytes.length >= 8 &&
    bytes.readUInt32BE(0) === 0x89504e47 &&
    bytes.readUInt32BE(4) === 0x0d0a1a0a
  )
    return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpg';
  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'webp';
  }
  return looksLikeSvg(bytes) ? 'svg' : null;
}

/** An SVG is text whose first element (after a declaration, comments or a doctype) is `<svg`. */
function looksLikeSvg(bytes: Buffer): boolean {
  const head = bytes.toString('utf8', 0, Math.min(bytes.length, 4096)).replace(/^\uFEFF/, '');
  const stripped = head.replace(/^(\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i, '');
  return /^<svg[\s>]/i.test(stripped);
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  // The first chunk must be IHDR: length 13, then width and height as big-endian u32.
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') throw corrupt('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function jpegSize(bytes: Buffer): { width: number; height: number } {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) throw corrupt('JPEG');
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) throw corrupt('JPEG');
    // SOF0…SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      if (offset + 9 > bytes.length) throw corrupt('JPEG');
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  throw corrupt('JPEG');
}

function webpSize(bytes: Buffer): { width: number; height: number } {
  const chunk = bytes.toString('latin1', 12, 16);
  if (chunk === 'VP8X' && bytes.length >= 30) {
    return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
  }
  if (chunk === 'VP8L' && bytes.length >= 25 && bytes[20] === 0x2f) {
    const bits = bytes.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ' && bytes.length >= 30 && bytes.readUIntBE(23, 3) === 0x9d012a) {
    return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  }
  throw corrupt('WebP');
}

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPrefix, sha256Hex } from '../../src/scan/hash.js';
import { claimedType, describeContent, isDisguised, sniffType } from '../../src/scan/sniff.js';
import { makeJpeg, makePdf, makePng, makeTiff, makeZip } from '../helpers/scan-files.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('sniffType: by content, never by name', () => {
  it.each([
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0)],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)],
    ['tiff', bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0)],
    ['tiff', bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8)],
    ['pdf', new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n')],
    ['pdf', new TextEncoder().encode('junk before the header %PDF-1.4\n')],
  ])('recognises %s', (type, b) => {
    expect(sniffType(b)).toBe(type);
  });

  it('recognises generated files', async () => {
    expect(sniffType(makePng(2, 2))).toBe('png');
    expect(sniffType(makeJpeg(8, 8))).toBe('jpeg');
    expect(sniffType(makeTiff([{ width: 2, height: 2 }]))).toBe('tiff');
    expect(sniffType(await makePdf(1))).toBe('pdf');
  });

  it.each([
    ['ZIP', makeZip()],
    ['GIF', new TextEncoder().encode('GIF89a\x01\x00\x01\x00')],
    ['text', new TextEncoder().encode('Tờ khai đăng ký khai sinh\n')],
    ['unknown', bytes(0, 1, 2, 3, 4)],
  ])('refuses %s and names it', (name, b) => {
    expect(sniffType(b)).toBeNull();
    expect(describeContent(b)).toBe(name);
  });

  it('needs the whole signature (a cut PNG signature is not a PNG)', () => {
    expect(sniffType(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
    expect(sniffType(bytes(0xff, 0xd8))).toBeNull();
    expect(sniffType(new Uint8Array(0))).toBeNull();
  });

  it('a PDF header later than 1024 bytes does not count', () => {
    const b = new Uint8Array(2000).fill(0x20);
    b.set(new TextEncoder().encode('%PDF-1.4'), 1500);
    expect(sniffType(b)).toBeNull();
  });

  it('property: bytes whose first byte starts no known signature are never a scan type', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), (b) => {
        fc.pre(b.length === 0 || ![0x89, 0xff, 0x49, 0x4d, 0x25].includes(b[0]!));
        fc.pre(!new TextDecoder('latin1').decode(b).includes('%PDF-'));
        expect(sniffType(b)).toBeNull();
      }),
    );
  });
});

describe('claimed type and disguise', () => {
  it.each([
    ['to-khai.PDF', 'pdf'],
    ['a.jpg', 'jpeg'],
    ['a.JPEG', 'jpeg'],
    ['a.png', 'png'],
    ['a.tif', 'tiff'],
    ['scan0001', null],
    ['a.docx', null],
  ])('%s claims %s', (name, type) => {
    expect(claimedType(name)).toBe(type);
  });

  it('a .pdf holding a PNG or a ZIP is disguised; an unclaimed name is judged by content alone', () => {
    expect(isDisguised('giay-chung-sinh.pdf', sniffType(makePng(1, 1)))).toBe(true);
    expect(isDisguised('giay-chung-sinh.pdf', sniffType(makeZip()))).toBe(true);
    expect(isDisguised('scan0001', 'jpeg')).toBe(false);
    expect(isDisguised('photo.jpeg', 'jpeg')).toBe(false);
  });
});

describe('sha256Hex', () => {
  it('matches the published test vectors', () => {
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the viewed bytes only (a Buffer slice of a bigger pool)', () => {
    const big = Buffer.from('xxabcxx');
    expect(sha256Hex(big.subarray(2, 5))).toBe(sha256Hex(new TextEncoder().encode('abc')));
  });

  it('property: agrees with node:crypto, 64 hex digits, prefix of 12', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const h = sha256Hex(b);
        expect(h).toMatch(/^[0-9a-f]{64}$/);
        expect(h).toBe(createHash('sha256').update(b).digest('hex'));
        expect(hashPrefix(h)).toBe(h.slice(0, 12));
      }),
    );
  });
});

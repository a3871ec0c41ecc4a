// Node tool and DOM (e2e support). The bytes of a test file, computable on both sides.
export const patternByte = (index: number) => (index * 31 + (index >>> 11)) & 0xff;

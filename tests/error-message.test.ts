import { describe, expect, it } from 'vitest';
import { errorMessage } from '../src/errors.js';

describe('errorMessage', () => {
  it('gives an Error its message and any other value as a string', () => {
    expect(errorMessage(new RangeError('out of range'))).toBe('out of range');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });

  it('does not throw for a value no string can be made of, and shows it as JSON', () => {
    const unprintable = { toString: [] };
    expect(() => String(unprintable)).toThrow(TypeError);
    expect(errorMessage(unprintable)).toBe('{"toString":[]}');
    expect(errorMessage(Object.create(null))).toBe('{}');
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalCardQuery, signCardQuery, signCardUrl, verifyCardQuery } from '../../src/cards/signing.js';

const KEY = 'signing-key-0123456789';

describe('card URL signing', () => {
  it('canonicalises the query: known fields only, sorted, RFC 3986 encoded, empty ones left out', () => {
    expect(
      canonicalCardQuery({ template: 'plain', headline: "It's (very) *big* — 100%", credit: '', site: 'A&B' }),
    ).toBe('headline=It%27s%20%28very%29%20%2Abig%2A%20%E2%80%94%20100%25&site=A%26B&template=plain');
  });

  it('signs lang in its sorted place, and leaves queries without it as they were signed before it existed', () => {
    expect(canonicalCardQuery({ headline: 'שלום', lang: 'he', site: 'X' })).toBe(
      'headline=%D7%A9%D7%9C%D7%95%D7%9D&lang=he&site=X',
    );
    // A signature made before `lang` joined the signed fields (sha256 HMAC of "headline=Hello").
    expect(verifyCardQuery({ headline: 'Hello' }, signCardQuery({ headline: 'Hello' }, KEY), [KEY])).toBe(true);
    expect(canonicalCardQuery({ headline: 'Hello', lang: '' })).toBe('headline=Hello');
  });

  it('verifies its own signature with any of the rotation keys, and nothing else', () => {
    const query = { headline: 'Hello', credit: 'Photo by Shutterstock' };
    const sig = signCardQuery(query, KEY);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyCardQuery(query, sig, [KEY])).toBe(true);
    expect(verifyCardQuery(query, sig, ['new-key-aaaaaaaaaaaa', KEY])).toBe(true);
    expect(verifyCardQuery(query, sig, ['other-key-aaaaaaaaaa'])).toBe(false);
    expect(verifyCardQuery({ ...query, headline: 'Hellp' }, sig, [KEY])).toBe(false);
    expect(verifyCardQuery(query, sig.slice(0, -2), [KEY])).toBe(false);
    expect(verifyCardQuery(query, '', [KEY])).toBe(false);
  });

  it('builds a URL the endpoint can verify from its own query string', () => {
    const url = new URL(
      signCardUrl(
        { headline: 'Ünïcode “quotes”', image: 'https://x.example/a.jpg' },
        { baseUrl: 'https://f.example/', key: KEY, format: 'jpeg' },
      ),
    );
    expect(url.pathname).toBe('/og.jpg');
    const query = { headline: url.searchParams.get('headline')!, image: url.searchParams.get('image')! };
    expect(query.headline).toBe('Ünïcode “quotes”');
    expect(verifyCardQuery(query, url.searchParams.get('sig')!, [KEY])).toBe(true);
  });
});

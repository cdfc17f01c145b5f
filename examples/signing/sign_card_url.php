<?php
// Signed syndicard card URLs, in PHP 8.1+ with no extensions beyond the defaults.
//
// The scheme is specified in docs/signing.md; this file is a complete implementation of it. Copy the
// three functions into your CMS. Run as a script, it reads {"baseUrl", "key", "format", "query"} (or a list
// of them) as JSON on standard input and prints each URL on its own line (the project's tests drive it that way).

declare(strict_types=1);

// The signed fields. Other parameters are not signed and are ignored by the service.
const SYNDICARD_CARD_FIELDS = ['headline', 'credit', 'image', 'site', 'template', 'lang'];

function syndicard_canonical_card_query(array $query): string
{
    $fields = SYNDICARD_CARD_FIELDS;
    sort($fields, SORT_STRING);
    $parts = [];
    foreach ($fields as $field) {
        if (!isset($query[$field]) || $query[$field] === '') {
            continue;
        }
        // rawurlencode is RFC 3986: it leaves only A-Z a-z 0-9 - . _ ~ as they are (PHP >= 5.3).
        $parts[] = $field . '=' . rawurlencode((string) $query[$field]);
    }
    return implode('&', $parts);
}

function syndicard_sign_card_query(array $query, string $key): string
{
    $digest = hash_hmac('sha256', syndicard_canonical_card_query($query), $key, true);
    return rtrim(strtr(base64_encode($digest), '+/', '-_'), '=');
}

function syndicard_sign_card_url(array $query, string $baseUrl, string $key, string $format = 'png'): string
{
    $canonical = syndicard_canonical_card_query($query);
    $path = $format === 'jpeg' ? 'og.jpg' : 'og.png';
    $prefix = $canonical === '' ? '' : $canonical . '&';
    return rtrim($baseUrl, '/') . '/' . $path . '?' . $prefix . 'sig=' . syndicard_sign_card_query($query, $key);
}

if (PHP_SAPI === 'cli' && realpath($argv[0]) === __FILE__) {
    $requests = json_decode(stream_get_contents(STDIN), true, 16, JSON_THROW_ON_ERROR);
    foreach (array_is_list($requests) ? $requests : [$requests] as $request) {
        echo syndicard_sign_card_url($request['query'], $request['baseUrl'], $request['key'], $request['format'] ?? 'png'), "\n";
    }
}

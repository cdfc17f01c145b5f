/**
 * The players publishers embed most, by their embed hostnames; `embedLink` (html.ts) knows each one's watch URL.
 * A module of its own, importing nothing, because the configuration reads it for its default: loading the HTML
 * sanitiser with it cost every command's start ~60 ms (issue 11, the CLI's cold start).
 */
export const DEFAULT_EMBED_HOSTS: readonly string[] = [
  'www.youtube.com',
  'youtube.com',
  'www.youtube-nocookie.com',
  'player.vimeo.com',
  'www.dailymotion.com',
  'geo.dailymotion.com',
  'open.spotify.com',
  'w.soundcloud.com',
];

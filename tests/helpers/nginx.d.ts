/**
 * Debian's nginx (nginx-light, installed by .ci/run) running deploy/nginx.conf from a temporary prefix: the cache,
 * temp files, logs and pid live there; only the listen address, the upstream servers and the cache path are
 * changed, and the test fails if any of those lines moved so the substitution no longer applies.
 */
export declare const DEPLOY_NGINX_CONF: string;
export interface RunningNginx {
    origin: string;
    prefix: string;
    errorLog(): string;
    stop(): Promise<void>;
}
/** A port free right now on 127.0.0.1 (nginx needs a number up front; the window for a clash is tiny). */
export declare function freePort(): Promise<number>;
export declare function startNginx(upstreamPorts: readonly number[]): Promise<RunningNginx>;

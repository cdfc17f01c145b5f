export declare function runInChild<Request, Result>(entry: URL, request: Request, label: string, timeoutMs?: number): Promise<Result>;
/** The child's side: run once for the first request, send the reply, exit. */
export declare function answerOnce<Request, Result>(run: (request: Request) => Promise<Result>): void;

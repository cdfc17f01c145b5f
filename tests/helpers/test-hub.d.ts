/**
 * A WebSub hub written for the tests, on 127.0.0.1: it records every publish request (form fields, content type,
 * the status it answered) and answers with whatever status `answer` picks for the request's number (1-based).
 */
export interface HubRequest {
    mode: string | null;
    urls: string[];
    topics: string[];
    contentType: string | undefined;
    status: number;
}
export interface TestHub {
    url: string;
    requests: HubRequest[];
    /** Topics of the requests answered 2xx, as a multiset: topic → times. */
    delivered(): Map<string, number>;
    close(): Promise<void>;
}
export declare function startTestHub(answer?: (n: number, topic: string) => number): Promise<TestHub>;

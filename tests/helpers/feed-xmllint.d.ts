/**
 * Runs Debian's xmllint (libxml2-utils). Tests that need it fail, not skip, when it is missing: CI installs it.
 */
export interface XmllintResult {
    status: number;
    output: string;
}
export declare function runXmllint(args: readonly string[], input?: string): XmllintResult;

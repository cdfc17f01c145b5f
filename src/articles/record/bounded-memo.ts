/**
 * Remembers a pure function's answers by string key, for keys that repeat (sections, tags, bylines, language tags).
 * Keys come from records, so the map is bounded: past `bound` entries it starts again, which keeps a stream of new
 * keys (hostile or just many) from growing it while the usual few stay remembered.
 */
export function boundedMemo<T>(compute: (key: string) => T, bound: number): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(key);
      if (answers.size >= bound) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  };
}

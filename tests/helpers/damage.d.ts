/** Helpers that build a real store file and then damage it the way a bad disk or a stray write would. */
/** A store file with `count` articles (the seed article's body, so a few thousand pages), closed and checkpointed. */
export declare function storeWithArticles(path: string, count: number): Promise<void>;
/** The pages of the `articles` table's b-tree that hold rows, in page order (SQLite's dbstat table). */
export declare function articleLeafPages(path: string): number[];
/** Overwrites one whole page (numbered from 1) with a byte pattern that is no valid b-tree page. */
export declare function damagePage(path: string, page: number): void;
/** Damages the middle leaf page of the articles table and returns its number. */
export declare function damageMiddleOfArticles(path: string): number;

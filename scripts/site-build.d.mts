export declare const DEFAULT_SITE_OUT: string;
export declare function siteServeArgs(dir: string): string[];
export declare function siteEntry(dir: string): string;
export declare function buildSite(dir?: string, options?: { ifStale?: boolean; quiet?: boolean }): boolean;

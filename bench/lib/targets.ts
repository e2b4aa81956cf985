/** The national-scale places the bench loads (synthetic; see worker/demo/regions.ts nationalRegions). */
export const BENCH_TARGETS = {
  /** A synthetic county early in code order (province 11, city 51, county 01): 15 townships, 270 villages. */
  county: "115101000000",
  /** A synthetic township of that county: 18 villages. */
  township: "115101101000",
  /** A synthetic province: 10 cities, 60 counties, 16,200 villages. */
  province: "110000000000",
  /** A name that matches one region (Nanling), so the name search reads every region. */
  rareName: "南陵",
  villageStatus: "exited",
  pageLimit: 100,
} as const;

export interface BenchTargets {
  county: string;
  township: string;
  province: string;
  rareName: string;
  villageStatus: "exited";
  pageLimit: number;
}

/** The smoke run's places, in the demo data (Nanling county, 340223000000). */
export const SMOKE_TARGETS: BenchTargets = {
  county: "340223000000",
  township: "340223101000",
  province: "340000000000",
  rareName: "南陵",
  villageStatus: "exited",
  pageLimit: 100,
};

/** The filtered villages page the app is compared on: a county's first 100 villages (the national county has 270). */
export function villagePagePath(t: BenchTargets): string {
  return `/api/v1/villages?county=${t.county}&limit=${t.pageLimit}`;
}

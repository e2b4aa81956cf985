/** The national-scale places the bench loads (synthetic; see worker/demo/regions.ts nationalRegions). */
export const BENCH_TARGETS = {
  /** A synthetic county early in code order (province 11, city 51, county 01): 15 townships, 270 villages. */
  county: "115101000000",
  /** A synthetic province: 10 cities, 60 counties, 16,200 villages. */
  province: "110000000000",
  /** A name that matches one region (Nanling), so the name search reads every region. */
  rareName: "南陵",
  villageStatus: "exited",
  pageLimit: 100,
} as const;

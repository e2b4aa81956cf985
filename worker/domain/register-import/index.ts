export * from "./columns";
export * from "./csv-records";
export * from "./parse";

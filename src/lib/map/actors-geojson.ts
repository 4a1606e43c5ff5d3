/** A bounding box `[west, south, east, north]` in degrees (RFC 7946 order). */
export type BBox = [west: number, south: number, east: number, north: number];

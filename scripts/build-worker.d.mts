/** Bundles `entry` (relative to the repository) into `outfile`; the bundle runs with plain `node`. */
export function bundleWorker(opts: { entry: string; outfile: string }): Promise<void>;

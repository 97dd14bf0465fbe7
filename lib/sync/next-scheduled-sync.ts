/** When the daily run (05:30 Europe/Berlin, see lib/jobs/queues.ts) fires next after `at`. */
export function nextScheduledSync(at: Date, hour = 5, minute = 30): Date {
  for (let days = 0; days < 3; days++) {
    const probe = new Date(at.getTime() + days * 86_400_000);
    const ymd = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Berlin",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(probe);
    // Berlin is UTC+1 or UTC+2: take the candidate whose Berlin wall time is hour:minute.
    for (const offset of [1, 2]) {
      const candidate = new Date(
        `${ymd}T${String(hour - offset).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`,
      );
      const wall = new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Berlin",
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
      }).format(candidate);
      if (wall === `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}` && candidate > at)
        return candidate;
    }
  }
  return new Date(at.getTime() + 86_400_000);
}

/** The daily run's slot that `at` belongs to: the latest 05:30 Europe/Berlin at or before `at`. */
export function lastScheduledSync(at: Date, hour = 5, minute = 30): Date {
  let slot = nextScheduledSync(new Date(at.getTime() - 26 * 3_600_000), hour, minute);
  for (let next = nextScheduledSync(slot, hour, minute); next <= at; next = nextScheduledSync(slot, hour, minute))
    slot = next;
  return slot;
}

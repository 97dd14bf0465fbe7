// What the user reads when a sync met a bank service that did not answer (issue 15): never
// "nothing new" for a run that failed or is waiting for its next attempt.
const en = {
  /** A run waiting for its next attempt, or one that gave up until the next automatic refresh. */
  noAnswer: (when: string) => `the bank service did not answer; we will retry at ${when}`,
  /** The same for a bank that never refreshes by itself (nothing is scheduled). */
  noAnswerLater: "the bank service did not answer; please try again later",
  /** The live line under "Sync now" while the run waits for its next attempt. */
  waiting: (reason: string) => `Sync not finished yet: ${reason}.`,
  partial: (summary: string, reason: string) => `Sync partly finished: ${summary}; ${reason}.`,
};
type Messages = typeof en;
const de: Messages = {
  noAnswer: (when) => `der Bankdienst hat nicht geantwortet; neuer Versuch um ${when}`,
  noAnswerLater: "der Bankdienst hat nicht geantwortet; bitte später erneut versuchen",
  waiting: (reason) => `Aktualisierung noch nicht fertig: ${reason}.`,
  partial: (summary, reason) => `Aktualisierung teilweise fertig: ${summary}; ${reason}.`,
};
export const syncRetry = { en, de };

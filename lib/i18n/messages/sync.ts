const en = {
  syncNow: "Sync now",
  syncWithLogin: "Sync with bank login",
  syncAll: "Sync all banks",
  syncing: "Syncing…",
  queued: "Waiting to sync…",
  relink: "Re-link bank",
  relinkHint: "Re-linking creates a new connection; your accounts, transactions, categories and notes stay.",
  consentExpiredHint:
    "The bank's consent has ended, so Saldo does not try to sync (it would count as a failed sync). Renew the consent to continue.",
  nextRefresh: (when: string) => `Next automatic refresh ${when}`,
  noAutoRefresh: "No automatic refresh: this bank syncs only when you log in.",
  fellBack:
    "Your bank stopped syncing automatically and now needs your login once. After a successful sync, automatic refresh resumes.",
  backToFull: "Automatic refresh is back on for this bank.",
  historyTitle: "Sync history",
  historyEmpty: "No syncs yet.",
  triggers: {
    MANUAL: "You synced",
    SCHEDULED: "Automatic refresh",
    LINK: "Bank linked",
    RENEW: "Consent renewed",
    ADMIN: "Support re-ran the import",
  } as Record<string, string>,
  counts: (added: number, updated: number, removed: number) =>
    added + updated + removed === 0
      ? "nothing new"
      : [added && `${added} new`, updated && `${updated} updated`, removed && `${removed} removed`]
          .filter(Boolean)
          .join(", "),
  status: {
    QUEUED: "waiting",
    RUNNING: "running",
    SUCCEEDED: "done",
    PARTIAL: "some accounts could not be updated",
    FAILED: "failed",
    NEEDS_USER: "needs you",
  } as Record<string, string>,
  reasons: {
    sync_failed: "the bank refused the sync",
    connection_disabled: "the bank connection was disabled after 3 failed syncs",
    consent_expired: "the consent had ended",
    needs_login: "the bank needs your login",
    credentials_missing: "your bank login is needed once",
    xs2a_unavailable: "the bank service could not be reached; we tried several times",
    xs2a_retrying: "the bank service could not be reached; trying again shortly",
    interrupted: "the sync was interrupted",
    expired: "the sync waited too long",
    connection_gone: "the bank is no longer linked",
  } as Record<string, string>,
  otherReason: "something went wrong",
  quarantined: (n: number) => (n === 1 ? "1 bank item could not be read" : `${n} bank items could not be read`),
  quarantineIntro:
    "Saldo keeps it aside and imports it as soon as your bank sends it in a readable form. What your bank sent:",
  quarantineIntroMany:
    "Saldo keeps them aside and imports each as soon as your bank sends it in a readable form. What your bank sent:",
  quarantineProblems: {
    booking_date: "no valid booking date",
    amount: "the amount is not a whole cent",
    currency: "unknown currency",
    other: "data Saldo cannot read",
  } as Record<string, string>,
  quarantineNoDate: "no date",
  quarantineSince: (when: string) => `since ${when}`,
  done: (summary: string) => `Sync finished: ${summary}.`,
  failed: (reason: string) => `Sync did not complete: ${reason}.`,
  rateLimited: (minutes: number) =>
    `You have synced this bank several times just now. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  unavailable: "The bank service is not reachable right now. Please try again in a few minutes.",
  disabledError: "This bank was disabled after 3 failed syncs. Re-link it to continue.",
  consentError: "The consent for this bank has ended. Renew it to continue.",
  genericError: "The sync could not be started. Please try again.",
  allQueued: (n: number) =>
    n === 0 ? "No bank could be refreshed automatically." : `${n} bank${n === 1 ? "" : "s"} queued for sync.`,
  allNeedLogin: (n: number) =>
    `${n} bank${n === 1 ? " needs" : "s need"} your login: use "Sync with bank login" on ${n === 1 ? "it" : "each"}.`,
};
type Messages = typeof en;
const de: Messages = {
  syncNow: "Jetzt aktualisieren",
  syncWithLogin: "Mit Bank-Login aktualisieren",
  syncAll: "Alle Banken aktualisieren",
  syncing: "Wird aktualisiert…",
  queued: "Wartet auf Aktualisierung…",
  relink: "Bank neu verbinden",
  relinkHint:
    "Beim Neuverbinden entsteht eine neue Verbindung; deine Konten, Umsätze, Kategorien und Notizen bleiben erhalten.",
  consentExpiredHint:
    "Die Zustimmung bei der Bank ist abgelaufen. Saldo versucht deshalb keine Aktualisierung (sie würde als fehlgeschlagen gezählt). Erneuere die Zustimmung, um fortzufahren.",
  nextRefresh: (when: string) => `Nächste automatische Aktualisierung ${when}`,
  noAutoRefresh: "Keine automatische Aktualisierung: Diese Bank wird nur mit deinem Login aktualisiert.",
  fellBack:
    "Deine Bank aktualisiert nicht mehr automatisch und braucht einmal deinen Login. Nach einer erfolgreichen Aktualisierung läuft sie wieder automatisch.",
  backToFull: "Die automatische Aktualisierung ist für diese Bank wieder aktiv.",
  historyTitle: "Verlauf der Aktualisierungen",
  historyEmpty: "Noch keine Aktualisierungen.",
  triggers: {
    MANUAL: "Von dir aktualisiert",
    SCHEDULED: "Automatische Aktualisierung",
    LINK: "Bank verbunden",
    RENEW: "Zustimmung erneuert",
    ADMIN: "Import vom Support wiederholt",
  },
  counts: (added, updated, removed) =>
    added + updated + removed === 0
      ? "nichts Neues"
      : [added && `${added} neu`, updated && `${updated} geändert`, removed && `${removed} entfernt`]
          .filter(Boolean)
          .join(", "),
  status: {
    QUEUED: "wartet",
    RUNNING: "läuft",
    SUCCEEDED: "fertig",
    PARTIAL: "einige Konten konnten nicht aktualisiert werden",
    FAILED: "fehlgeschlagen",
    NEEDS_USER: "braucht dich",
  },
  reasons: {
    sync_failed: "die Bank hat die Aktualisierung abgelehnt",
    connection_disabled: "die Verbindung wurde nach 3 fehlgeschlagenen Aktualisierungen deaktiviert",
    consent_expired: "die Zustimmung war abgelaufen",
    needs_login: "die Bank braucht deinen Login",
    credentials_missing: "dein Bank-Login wird einmal gebraucht",
    xs2a_unavailable: "der Bankdienst war nicht erreichbar; wir haben es mehrmals versucht",
    xs2a_retrying: "der Bankdienst war nicht erreichbar; gleich neuer Versuch",
    interrupted: "die Aktualisierung wurde unterbrochen",
    expired: "die Aktualisierung hat zu lange gewartet",
    connection_gone: "die Bank ist nicht mehr verbunden",
  },
  otherReason: "etwas ist schiefgelaufen",
  quarantined: (n) =>
    n === 1
      ? "1 Buchung deiner Bank konnte nicht gelesen werden"
      : `${n} Buchungen deiner Bank konnten nicht gelesen werden`,
  quarantineIntro:
    "Saldo legt sie beiseite und übernimmt sie, sobald deine Bank sie lesbar schickt. Was deine Bank geschickt hat:",
  quarantineIntroMany:
    "Saldo legt sie beiseite und übernimmt jede, sobald deine Bank sie lesbar schickt. Was deine Bank geschickt hat:",
  quarantineProblems: {
    booking_date: "kein gültiges Buchungsdatum",
    amount: "der Betrag ist kein ganzer Cent-Betrag",
    currency: "unbekannte Währung",
    other: "Daten, die Saldo nicht lesen kann",
  },
  quarantineNoDate: "ohne Datum",
  quarantineSince: (when) => `seit ${when}`,
  done: (summary) => `Aktualisierung fertig: ${summary}.`,
  failed: (reason) => `Aktualisierung nicht abgeschlossen: ${reason}.`,
  rateLimited: (minutes) =>
    `Du hast diese Bank gerade mehrmals aktualisiert. Bitte versuche es in ${minutes} Minute${minutes === 1 ? "" : "n"} wieder.`,
  unavailable: "Der Bankdienst ist gerade nicht erreichbar. Bitte versuche es in ein paar Minuten wieder.",
  disabledError:
    "Diese Bank wurde nach 3 fehlgeschlagenen Aktualisierungen deaktiviert. Verbinde sie neu, um fortzufahren.",
  consentError: "Die Zustimmung für diese Bank ist abgelaufen. Erneuere sie, um fortzufahren.",
  genericError: "Die Aktualisierung konnte nicht gestartet werden. Bitte versuche es noch einmal.",
  allQueued: (n) =>
    n === 0
      ? "Keine Bank konnte automatisch aktualisiert werden."
      : `${n} ${n === 1 ? "Bank wird" : "Banken werden"} aktualisiert.`,
  allNeedLogin: (n) =>
    `${n} ${n === 1 ? "Bank braucht" : "Banken brauchen"} deinen Login: nutze „Mit Bank-Login aktualisieren“.`,
};
export const sync = { en, de };

const en = {
  banner: {
    region: "Bank consent reminders",
    /** step: 14/7/3 → days left; 1 → tomorrow; 0 → today; -1 → expired. */
    message: (bank: string, date: string, step: number, daysLeft: number) =>
      step < 0
        ? `Your consent for ${bank} ended on ${date}. Syncing has stopped; renew it to resume.`
        : step === 0
          ? `Your consent for ${bank} ends today, ${date}.`
          : step === 1
            ? `Your consent for ${bank} ends tomorrow, ${date}.`
            : `Your consent for ${bank} ends on ${date}, in ${daysLeft} days.`,
    hint: "Renewing takes a minute: you log in to your bank once. Syncing continues meanwhile.",
    renewNow: "Renew now",
    renewConsent: "Renew consent",
    renewNowFor: (bank: string) => `Renew consent for ${bank} now`,
    opening: "Opening…",
    snooze: "Remind me tomorrow",
    snoozeFor: (bank: string) => `Remind me about ${bank} tomorrow`,
    renewAll: (n: number) => `Renew all (${n})`,
    more: (n: number) => (n === 1 ? "1 more bank is due." : `${n} more banks are due.`),
    dueSummary: (n: number) => `${n} banks need their consent renewed. Go through them one after another.`,
  },
  renew: {
    title: "Renew bank consent",
    description:
      "Under PSD2 your bank asks you to confirm Saldo's access regularly. Renew each bank here, one after another.",
    walkTitle: "Renew all that end soon",
    progress: (k: number, n: number) => `Bank ${k} of ${n}`,
    progressLabel: "Renewal progress",
    next: "Next",
    ends: (date: string) => `Consent ends on ${date}`,
    ended: (date: string) => `Consent ended on ${date}`,
    notDue: (date: string) => `Consent valid until ${date}. You can renew early; syncing continues.`,
    renewBank: (bank: string) => `Renew ${bank}`,
    skip: "Skip this bank",
    leave: "Continue later",
    leaveHint: "You can leave at any time. “Renew all” picks up with the banks still due.",
    renewed: (bank: string, date: string) => `${bank} renewed. Consent valid until ${date}.`,
    allDoneTitle: "Every consent is up to date",
    allDoneBody: "No bank needs renewing in the next 14 days. We remind you in good time.",
    skippedLeft: (n: number) =>
      n === 1 ? "You skipped 1 bank. It is still due." : `You skipped ${n} banks. They are still due.`,
    startOver: "Go through skipped banks",
    backToBanks: "Back to banks",
    notFound: "This bank was not found.",
  },
  errors: {
    not_found: "This bank was not found. Reload the page.",
    connection_disabled:
      "XS2A switched this connection off after failed syncs. Remove and link the bank again; your history stays.",
    unavailable: "The bank service is not reachable right now. Please try again in a few minutes.",
    snooze_unavailable: "This reminder cannot be snoozed any more.",
    generic: "That did not work. Please try again.",
  },
  outbox: {
    title: "Email outbox",
    description: "No mail server is configured, so the emails Saldo would send you are kept here.",
    empty: "No emails yet.",
    emptyBody: "Consent reminders appear here 14, 7 and 1 day before a bank's consent ends, and when it has ended.",
    to: "To",
    sent: "Created",
    remindersOff: "Email reminders are turned off in your settings.",
    link: "Open the email outbox",
  },
  emailSnooze: {
    done: "Done: Saldo reminds you about this bank's consent again tomorrow. Sign in to renew it now.",
    expired:
      "This reminder link has expired or is no longer valid (the consent may have been renewed). Sign in to see your banks.",
    failed:
      "Saldo could not snooze this reminder just now. Nothing was changed: try the link again in a minute, or sign in.",
  },
  email: {
    subject: (bank: string, date: string, threshold: number) =>
      threshold === 0
        ? `Your consent for ${bank} has ended`
        : threshold === 1
          ? `Your consent for ${bank} ends tomorrow (${date})`
          : `Your consent for ${bank} ends in ${threshold} days (${date})`,
    body: (
      bank: string,
      date: string,
      threshold: number,
      url: string,
      settingsUrl: string,
      snoozeUrl?: string | null,
    ) =>
      [
        "Hello,",
        "",
        threshold === 0
          ? `your consent for ${bank} ended on ${date}. Saldo cannot fetch new transactions from this bank until you renew it.`
          : `your consent for ${bank} ends on ${date}. After that, Saldo cannot fetch new transactions from this bank.`,
        "",
        "Renewing takes a minute: you log in to your bank once through our partner Tink (XS2A). Your accounts, transactions, categories and notes stay as they are.",
        "",
        `Renew now: ${url}`,
        ...(snoozeUrl ? ["", `Not now? Remind me tomorrow (one click, no sign-in needed): ${snoozeUrl}`] : []),
        "",
        `You get these emails 14, 7 and 1 day before a consent ends, and when it has ended. Turn them off in your settings: ${settingsUrl}`,
        "",
        "— Saldo",
      ].join("\n"),
  },
};
type Messages = typeof en;
const de: Messages = {
  banner: {
    region: "Erinnerungen an Bank-Zustimmungen",
    message: (bank, date, step, daysLeft) =>
      step < 0
        ? `Deine Zustimmung für ${bank} ist am ${date} abgelaufen. Die Aktualisierung ist gestoppt; erneuere sie, um weiterzumachen.`
        : step === 0
          ? `Deine Zustimmung für ${bank} endet heute, am ${date}.`
          : step === 1
            ? `Deine Zustimmung für ${bank} endet morgen, am ${date}.`
            : `Deine Zustimmung für ${bank} endet am ${date}, in ${daysLeft} Tagen.`,
    hint: "Das Erneuern dauert eine Minute: Du meldest dich einmal bei deiner Bank an. Die Aktualisierung läuft währenddessen weiter.",
    renewNow: "Jetzt erneuern",
    renewConsent: "Zustimmung erneuern",
    renewNowFor: (bank) => `Zustimmung für ${bank} jetzt erneuern`,
    opening: "Wird geöffnet …",
    snooze: "Morgen erinnern",
    snoozeFor: (bank) => `Morgen an ${bank} erinnern`,
    renewAll: (n) => `Alle erneuern (${n})`,
    more: (n) => (n === 1 ? "1 weitere Bank ist fällig." : `${n} weitere Banken sind fällig.`),
    dueSummary: (n) => `Bei ${n} Banken muss die Zustimmung erneuert werden. Geh sie nacheinander durch.`,
  },
  renew: {
    title: "Zustimmung erneuern",
    description:
      "Nach PSD2 bestätigst du den Zugriff von Saldo regelmäßig bei deiner Bank. Erneuere hier eine Bank nach der anderen.",
    walkTitle: "Alle bald endenden erneuern",
    progress: (k, n) => `Bank ${k} von ${n}`,
    progressLabel: "Fortschritt der Erneuerung",
    next: "Als Nächstes",
    ends: (date) => `Zustimmung endet am ${date}`,
    ended: (date) => `Zustimmung am ${date} abgelaufen`,
    notDue: (date) =>
      `Zustimmung gültig bis ${date}. Du kannst sie schon jetzt erneuern; die Aktualisierung läuft weiter.`,
    renewBank: (bank) => `${bank} erneuern`,
    skip: "Diese Bank überspringen",
    leave: "Später weitermachen",
    leaveHint: "Du kannst jederzeit aufhören. „Alle erneuern“ macht mit den noch fälligen Banken weiter.",
    renewed: (bank, date) => `${bank} erneuert. Zustimmung gültig bis ${date}.`,
    allDoneTitle: "Alle Zustimmungen sind aktuell",
    allDoneBody: "Keine Bank muss in den nächsten 14 Tagen erneuert werden. Wir erinnern dich rechtzeitig.",
    skippedLeft: (n) =>
      n === 1
        ? "Du hast 1 Bank übersprungen. Sie ist weiterhin fällig."
        : `Du hast ${n} Banken übersprungen. Sie sind weiterhin fällig.`,
    startOver: "Übersprungene Banken erneuern",
    backToBanks: "Zurück zu den Banken",
    notFound: "Diese Bank wurde nicht gefunden.",
  },
  errors: {
    not_found: "Diese Bank wurde nicht gefunden. Lade die Seite neu.",
    connection_disabled:
      "XS2A hat diese Verbindung nach fehlgeschlagenen Aktualisierungen abgeschaltet. Entferne die Bank und verknüpfe sie neu; deine Historie bleibt erhalten.",
    unavailable: "Der Bankdienst ist gerade nicht erreichbar. Bitte versuche es in ein paar Minuten erneut.",
    snooze_unavailable: "Diese Erinnerung kann nicht mehr verschoben werden.",
    generic: "Das hat nicht geklappt. Bitte versuche es erneut.",
  },
  outbox: {
    title: "E-Mail-Postausgang",
    description: "Es ist kein Mailserver eingerichtet, deshalb liegen die E-Mails, die Saldo dir senden würde, hier.",
    empty: "Noch keine E-Mails.",
    emptyBody:
      "Erinnerungen erscheinen hier 14, 7 und 1 Tag bevor die Zustimmung einer Bank endet und wenn sie abgelaufen ist.",
    to: "An",
    sent: "Erstellt",
    remindersOff: "E-Mail-Erinnerungen sind in deinen Einstellungen ausgeschaltet.",
    link: "E-Mail-Postausgang öffnen",
  },
  emailSnooze: {
    done: "Erledigt: Saldo erinnert dich morgen wieder an die Zustimmung dieser Bank. Melde dich an, um sie jetzt zu erneuern.",
    expired:
      "Dieser Erinnerungslink ist abgelaufen oder nicht mehr gültig (vielleicht wurde die Zustimmung schon erneuert). Melde dich an, um deine Banken zu sehen.",
    failed:
      "Saldo konnte die Erinnerung gerade nicht verschieben. Es wurde nichts geändert: Versuche den Link in einer Minute noch einmal oder melde dich an.",
  },
  email: {
    subject: (bank, date, threshold) =>
      threshold === 0
        ? `Deine Zustimmung für ${bank} ist abgelaufen`
        : threshold === 1
          ? `Deine Zustimmung für ${bank} endet morgen (${date})`
          : `Deine Zustimmung für ${bank} endet in ${threshold} Tagen (${date})`,
    body: (bank, date, threshold, url, settingsUrl, snoozeUrl) =>
      [
        "Hallo,",
        "",
        threshold === 0
          ? `deine Zustimmung für ${bank} ist am ${date} abgelaufen. Saldo kann keine neuen Umsätze dieser Bank abrufen, bis du sie erneuerst.`
          : `deine Zustimmung für ${bank} endet am ${date}. Danach kann Saldo keine neuen Umsätze dieser Bank mehr abrufen.`,
        "",
        "Das Erneuern dauert eine Minute: Du meldest dich einmal über unseren Partner Tink (XS2A) bei deiner Bank an. Deine Konten, Umsätze, Kategorien und Notizen bleiben, wie sie sind.",
        "",
        `Jetzt erneuern: ${url}`,
        ...(snoozeUrl ? ["", `Gerade nicht? Morgen erinnern (ein Klick, ohne Anmeldung): ${snoozeUrl}`] : []),
        "",
        `Diese E-Mails kommen 14, 7 und 1 Tag bevor eine Zustimmung endet und wenn sie abgelaufen ist. Ausschalten kannst du sie in den Einstellungen: ${settingsUrl}`,
        "",
        "– Saldo",
      ].join("\n"),
  },
};
export const consent = { en, de };

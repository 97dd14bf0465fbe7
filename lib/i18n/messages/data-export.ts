const en = {
  title: "Download all my data",
  hint: "A ZIP with your profile, banks and accounts, every transaction with its categories and notes, your sync history, consent reminders and security events. It is prepared in the background; we email you when it is ready. It can be downloaded once.",
  request: "Prepare my data",
  requesting: "Requesting…",
  pending: "Your data is being prepared. This page shows the download when it is ready.",
  ready: "Your data is ready.",
  download: "Download ZIP",
  downloaded: "Your last export was downloaded. Prepare a new one whenever you like.",
  failed: "Preparing your data failed. Please try again.",
  refresh: "Check again",
  emailSubject: "Your Saldo data is ready",
  emailBody: (url: string) =>
    `Hello,\n\nthe export of your Saldo data is ready. Download it once from your settings:\n${url}\n\nIf you did not ask for it, change your password.\n`,
};

const de: typeof en = {
  title: "Alle meine Daten herunterladen",
  hint: "Ein ZIP mit deinem Profil, Banken und Konten, allen Umsätzen mit Kategorien und Notizen, deinem Sync-Verlauf, Consent-Erinnerungen und Sicherheitsereignissen. Es wird im Hintergrund erstellt; wir schicken dir eine E-Mail, wenn es bereitliegt. Es kann einmal heruntergeladen werden.",
  request: "Meine Daten vorbereiten",
  requesting: "Wird angefordert…",
  pending: "Deine Daten werden vorbereitet. Diese Seite zeigt den Download, sobald er bereitliegt.",
  ready: "Deine Daten liegen bereit.",
  download: "ZIP herunterladen",
  downloaded: "Dein letzter Export wurde heruntergeladen. Du kannst jederzeit einen neuen anfordern.",
  failed: "Deine Daten konnten nicht vorbereitet werden. Bitte versuche es erneut.",
  refresh: "Erneut prüfen",
  emailSubject: "Deine Saldo-Daten liegen bereit",
  emailBody: (url: string) =>
    `Hallo,\n\nder Export deiner Saldo-Daten liegt bereit. Lade ihn einmal in deinen Einstellungen herunter:\n${url}\n\nFalls du ihn nicht angefordert hast, ändere dein Passwort.\n`,
};

export const dataExport = { en, de };

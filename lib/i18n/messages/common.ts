const en = {
  appName: "Saldo",
  tagline: "All your banks in one place",
  nav: {
    dashboard: "Dashboard",
    accounts: "Accounts",
    transactions: "Transactions",
    banks: "Banks",
    settings: "Settings",
    admin: "Admin",
    signOut: "Sign out",
    menu: "Menu",
    skip: "Skip to content",
  },
  loading: "Loading…",
  retry: "Try again",
  save: "Save",
  saved: "Saved",
  cancel: "Cancel",
  close: "Close",
  errorGeneric: (id: string) =>
    `Something went wrong on our side. Please try again; if it keeps happening, contact support with error id ${id}.`,
  sessionEnded: "Your session has ended. Please sign in again.",
  /** Any action or search that needed the bank service (XS2A) while it did not answer. */
  serviceUnavailable: "The bank service is not reachable right now. Please try again in a few minutes.",
  notFound: "This page does not exist, or you do not have access to it.",
  backToDashboard: "Back to the dashboard",
  rateLimited: (s: number) =>
    s < 90
      ? `Too many attempts. Please wait ${s} seconds and try again.`
      : `Too many attempts. Please wait ${Math.ceil(s / 60)} minutes and try again.`,
};
type Messages = typeof en;
const de: Messages = {
  appName: "Saldo",
  tagline: "Alle Banken an einem Ort",
  nav: {
    dashboard: "Übersicht",
    accounts: "Konten",
    transactions: "Umsätze",
    banks: "Banken",
    settings: "Einstellungen",
    admin: "Admin",
    signOut: "Abmelden",
    menu: "Menü",
    skip: "Zum Inhalt springen",
  },
  loading: "Wird geladen …",
  retry: "Erneut versuchen",
  save: "Speichern",
  saved: "Gespeichert",
  cancel: "Abbrechen",
  close: "Schließen",
  errorGeneric: (id: string) =>
    `Bei uns ist etwas schiefgelaufen. Bitte versuche es erneut; falls es wieder passiert, nenne dem Support die Fehler-ID ${id}.`,
  sessionEnded: "Deine Sitzung ist beendet. Bitte melde dich erneut an.",
  serviceUnavailable: "Der Bankdienst ist gerade nicht erreichbar. Bitte versuche es in ein paar Minuten erneut.",
  notFound: "Diese Seite gibt es nicht, oder du hast keinen Zugriff darauf.",
  backToDashboard: "Zurück zur Übersicht",
  rateLimited: (s: number) =>
    s < 90
      ? `Zu viele Versuche. Bitte warte ${s} Sekunden und versuche es dann erneut.`
      : `Zu viele Versuche. Bitte warte ${Math.ceil(s / 60)} Minuten und versuche es dann erneut.`,
};
export const common = { en, de };

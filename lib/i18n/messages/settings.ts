const en = {
  title: "Settings",
  language: "Language",
  languageHint: "Saldo follows your browser until you choose here.",
  languageAuto: "Like my browser",
  german: "Deutsch",
  english: "English",
  appearance: "Appearance",
  appearanceHint: "Light or dark. “Like my device” follows the setting of your system.",
  themeSystem: "Like my device",
  themeLight: "Light",
  themeDark: "Dark",
  emailReminders: "Email me before a bank's consent ends",
  emailRemindersHint: "14, 7 and 1 day before, and when it has ended.",
  contractAlertEmails: "Email me contract alerts",
  contractAlertEmailsHint:
    "A price rise, a late payment, a new contract, a charge after the end date, a cancellation deadline: at most one email a day.",
  security: "Security",
  signOutEverywhere: "Sign out everywhere",
  signOutEverywhereHint: "Ends every session of your account, on all devices, including this one.",
  deleteAccount: "Delete my account",
  deleteAccountHint:
    "Removes all your banks, accounts and transactions from Saldo and your bank user at XS2A. This cannot be undone.",
  deletePassword: "Your password, to confirm",
  deleteWrongPassword: "That password is not right. Your account was not deleted.",
  deleteUnavailable:
    "Our bank partner is not reachable right now, so nothing was deleted. Please try again in a few minutes.",
  deleting: "Deleting…",
};
type Messages = typeof en;
const de: Messages = {
  title: "Einstellungen",
  language: "Sprache",
  languageHint: "Saldo folgt deinem Browser, bis du hier etwas wählst.",
  languageAuto: "Wie mein Browser",
  german: "Deutsch",
  english: "English",
  appearance: "Darstellung",
  appearanceHint: "Hell oder dunkel. „Wie mein Gerät“ folgt der Einstellung deines Systems.",
  themeSystem: "Wie mein Gerät",
  themeLight: "Hell",
  themeDark: "Dunkel",
  emailReminders: "Per E-Mail erinnern, bevor die Zustimmung einer Bank endet",
  emailRemindersHint: "14, 7 und 1 Tag vorher und wenn sie abgelaufen ist.",
  contractAlertEmails: "Vertragshinweise per E-Mail",
  contractAlertEmailsHint:
    "Preiserhöhung, verspätete Zahlung, neuer Vertrag, Abbuchung nach dem Vertragsende, Kündigungsfrist: höchstens eine E-Mail am Tag.",
  security: "Sicherheit",
  signOutEverywhere: "Überall abmelden",
  signOutEverywhereHint: "Beendet alle Sitzungen deines Kontos auf allen Geräten, auch diese.",
  deleteAccount: "Mein Konto löschen",
  deleteAccountHint:
    "Entfernt alle Banken, Konten und Umsätze aus Saldo und dein Nutzerkonto bei XS2A. Das lässt sich nicht rückgängig machen.",
  deletePassword: "Dein Passwort zur Bestätigung",
  deleteWrongPassword: "Das Passwort stimmt nicht. Dein Konto wurde nicht gelöscht.",
  deleteUnavailable:
    "Unser Bankpartner ist gerade nicht erreichbar, deshalb wurde nichts gelöscht. Bitte versuche es in ein paar Minuten erneut.",
  deleting: "Wird gelöscht …",
};
export const settings = { en, de };

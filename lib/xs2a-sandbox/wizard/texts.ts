// Wizard texts. German and English; es/fr/it fall back to English.

import type { Language } from "../types";

const de = {
  country: "Land",
  bankCode: "Bankleitzahl, BIC oder Bankname",
  bankIntro: "Wählen Sie Ihre Bank. Sandbox-Banken: 88888888 (Testbank), 99990001, 99990002, 99990003.",
  loginTitle: (bank: string) => `Anmeldung bei ${bank}`,
  loginText: "Geben Sie Ihre Online-Banking-Zugangsdaten ein. Sandbox: PIN 123456.",
  userName: "Anmeldename / Legitimations-ID",
  pin: "PIN",
  privacy: "Ich akzeptiere die Datenschutzbestimmungen.",
  tanTitle: "TAN-Eingabe",
  tanText: "Bitte geben Sie die TAN ein, die Sie per SMS erhalten haben (Sandbox: 123456).",
  tan: "TAN",
  appTitle: "Freigabe in der Banking-App",
  appText: "Bitte bestätigen Sie die Anmeldung in Ihrer Banking-App. Diese Seite aktualisiert sich automatisch.",
  accountsTitle: "Kontoauswahl",
  accountsText: "Welche Konten möchten Sie freigeben?",
  account: "Konto",
  required: "Dieses Feld ist erforderlich.",
  privacyRequired: "Bitte akzeptieren Sie die Datenschutzbestimmungen.",
  unknownBank: "Diese Bank ist nicht bekannt.",
  unknownCountry: "Für dieses Land gibt es keine Sandbox-Banken.",
  selectAccount: "Bitte wählen Sie mindestens ein Konto aus.",
  loginFailed: "Die Anmeldung ist fehlgeschlagen. Bitte prüfen Sie Anmeldename und PIN.",
  tanFailed: "Die TAN ist ungültig. Bitte versuchen Sie es erneut.",
  techError: "Die Bank ist derzeit nicht erreichbar. Bitte versuchen Sie es später erneut.",
  aborted: "Der Vorgang wurde abgebrochen.",
  finished: "Vielen Dank, die Verbindung wurde hergestellt.",
};

const en: typeof de = {
  country: "Country",
  bankCode: "Bank code, BIC or bank name",
  bankIntro: "Choose your bank. Sandbox banks: 88888888 (Testbank), 99990001, 99990002, 99990003.",
  loginTitle: (bank: string) => `Log in to ${bank}`,
  loginText: "Enter your online banking credentials. Sandbox: PIN 123456.",
  userName: "User name / login ID",
  pin: "PIN",
  privacy: "I accept the privacy policy.",
  tanTitle: "Enter TAN",
  tanText: "Please enter the TAN you received by text message (sandbox: 123456).",
  tan: "TAN",
  appTitle: "Approve in your banking app",
  appText: "Please approve the login in your banking app. This page updates automatically.",
  accountsTitle: "Account selection",
  accountsText: "Which accounts do you want to share?",
  account: "Account",
  required: "This field is required.",
  privacyRequired: "Please accept the privacy policy.",
  unknownBank: "This bank is not known.",
  unknownCountry: "There are no sandbox banks for this country.",
  selectAccount: "Please select at least one account.",
  loginFailed: "Login failed. Please check your user name and PIN.",
  tanFailed: "The TAN is invalid. Please try again.",
  techError: "The bank is currently unavailable. Please try again later.",
  aborted: "The process was aborted.",
  finished: "Thank you, the connection has been set up.",
};

export type Texts = typeof de;

export function texts(language: Language): Texts {
  return language === "de" ? de : en;
}

export const COUNTRIES: Record<Language, Record<string, string>> = {
  de: { DE: "Deutschland", AT: "Österreich", CH: "Schweiz" },
  en: { DE: "Germany", AT: "Austria", CH: "Switzerland" },
  es: { DE: "Germany", AT: "Austria", CH: "Switzerland" },
  fr: { DE: "Germany", AT: "Austria", CH: "Switzerland" },
  it: { DE: "Germany", AT: "Austria", CH: "Switzerland" },
};

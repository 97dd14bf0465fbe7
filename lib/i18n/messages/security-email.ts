// The account-security emails (server-only: not in the client bundle).
const en = {
  greeting: "Hello,",
  footer: "— Saldo",
  verify: {
    subject: "Confirm your email for Saldo",
    body: (link: string) =>
      `please confirm that this is your email address by opening this link (it works for 24 hours):\n\n${link}\n\nIf you did not create a Saldo account, ignore this email.`,
  },
  signUpTaken: {
    subject: "Someone tried to create a Saldo account with your email",
    body: (signInUrl: string, resetUrl: string) =>
      `someone (maybe you) tried to create a new Saldo account with this email address. You already have one, so nothing was created.\n\nSign in: ${signInUrl}\nForgot your password? Reset it: ${resetUrl}\n\nIf it was not you, you can ignore this email.`,
  },
  reset: {
    subject: "Reset your Saldo password",
    body: (link: string) =>
      `someone asked to reset the password of your Saldo account. To choose a new one, open this link (it works for 30 minutes, once):\n\n${link}\n\nIf it was not you, ignore this email: your password stays as it is.`,
  },
  passwordChanged: {
    subject: "Your Saldo password was changed",
    body: (settingsUrl: string) =>
      `the password of your Saldo account was just changed and your other sessions were signed out.\n\nIf it was not you, reset your password at once and check where you are signed in: ${settingsUrl}`,
  },
  newDevice: {
    subject: (device: string) => `New sign-in to Saldo: ${device}`,
    body: (device: string, place: string, when: string, settingsUrl: string) =>
      `your Saldo account was just signed in from a device we have not seen before:\n\n${device}, network ${place}, ${when}\n\nIf it was you, there is nothing to do. If not, sign it out and change your password: ${settingsUrl}`,
  },
  changeEmail: {
    subject: "Confirm your new email for Saldo",
    body: (link: string) =>
      `to make this your Saldo account's email address, open this link (it works for 30 minutes):\n\n${link}\n\nIf you did not ask for this, ignore this email.`,
  },
  changeEmailNotice: {
    subject: "Your Saldo email address is being changed",
    body: (newEmail: string, settingsUrl: string) =>
      `someone signed in to your Saldo account asked to change its email address to ${newEmail}. It changes only when the link sent there is opened.\n\nIf it was not you, change your password and check where you are signed in: ${settingsUrl}`,
  },
  emailChanged: {
    subject: "Your Saldo email address was changed",
    body: (newEmail: string) =>
      `your Saldo account's email address is now ${newEmail}. This address gets no more emails from Saldo.\n\nIf it was not you, contact support at once.`,
  },
};
type Messages = typeof en;
const de: Messages = {
  greeting: "Hallo,",
  footer: "— Saldo",
  verify: {
    subject: "Bestätige deine E-Mail für Saldo",
    body: (link: string) =>
      `bitte bestätige, dass dies deine E-Mail-Adresse ist, indem du diesen Link öffnest (er gilt 24 Stunden):\n\n${link}\n\nFalls du kein Saldo-Konto erstellt hast, ignoriere diese E-Mail.`,
  },
  signUpTaken: {
    subject: "Jemand wollte mit deiner E-Mail ein Saldo-Konto erstellen",
    body: (signInUrl: string, resetUrl: string) =>
      `jemand (vielleicht du) wollte mit dieser E-Mail-Adresse ein neues Saldo-Konto erstellen. Du hast schon eines, daher wurde nichts angelegt.\n\nAnmelden: ${signInUrl}\nPasswort vergessen? Hier zurücksetzen: ${resetUrl}\n\nWarst du es nicht, kannst du diese E-Mail ignorieren.`,
  },
  reset: {
    subject: "Setze dein Saldo-Passwort zurück",
    body: (link: string) =>
      `jemand möchte das Passwort deines Saldo-Kontos zurücksetzen. Um ein neues zu wählen, öffne diesen Link (er gilt 30 Minuten und nur einmal):\n\n${link}\n\nWarst du es nicht, ignoriere diese E-Mail: dein Passwort bleibt, wie es ist.`,
  },
  passwordChanged: {
    subject: "Dein Saldo-Passwort wurde geändert",
    body: (settingsUrl: string) =>
      `das Passwort deines Saldo-Kontos wurde gerade geändert und deine anderen Sitzungen wurden abgemeldet.\n\nWarst du es nicht, setze dein Passwort sofort zurück und prüfe, wo du angemeldet bist: ${settingsUrl}`,
  },
  newDevice: {
    subject: (device: string) => `Neue Anmeldung bei Saldo: ${device}`,
    body: (device: string, place: string, when: string, settingsUrl: string) =>
      `bei deinem Saldo-Konto hat sich gerade ein Gerät angemeldet, das wir noch nicht kannten:\n\n${device}, Netz ${place}, ${when}\n\nWarst du es, ist nichts zu tun. Sonst melde es ab und ändere dein Passwort: ${settingsUrl}`,
  },
  changeEmail: {
    subject: "Bestätige deine neue E-Mail für Saldo",
    body: (link: string) =>
      `um dies zur E-Mail-Adresse deines Saldo-Kontos zu machen, öffne diesen Link (er gilt 30 Minuten):\n\n${link}\n\nFalls du das nicht angefordert hast, ignoriere diese E-Mail.`,
  },
  changeEmailNotice: {
    subject: "Deine Saldo-E-Mail-Adresse wird geändert",
    body: (newEmail: string, settingsUrl: string) =>
      `jemand, der bei deinem Saldo-Konto angemeldet ist, möchte die E-Mail-Adresse auf ${newEmail} ändern. Sie ändert sich erst, wenn der dorthin geschickte Link geöffnet wird.\n\nWarst du es nicht, ändere dein Passwort und prüfe, wo du angemeldet bist: ${settingsUrl}`,
  },
  emailChanged: {
    subject: "Deine Saldo-E-Mail-Adresse wurde geändert",
    body: (newEmail: string) =>
      `die E-Mail-Adresse deines Saldo-Kontos ist jetzt ${newEmail}. An diese Adresse schickt Saldo nichts mehr.\n\nWarst du es nicht, wende dich sofort an den Support.`,
  },
};

export const securityEmail = { en, de };

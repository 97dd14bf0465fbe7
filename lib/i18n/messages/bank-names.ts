// Naming a bank login (issue 18, "Telling things apart").
const en = {
  rename: "Rename",
  renameTitle: (name: string) => `Rename ${name}`,
  nameLabel: "Name",
  nameHint: (fallback: string) => `Leave empty for the default: ${fallback}`,
  save: "Save",
  errors: {
    name_too_long: "Use at most 60 characters.",
    invalid_characters: "Use letters, digits and punctuation only.",
  } as Record<string, string>,
};

const de: typeof en = {
  rename: "Umbenennen",
  renameTitle: (name: string) => `${name} umbenennen`,
  nameLabel: "Name",
  nameHint: (fallback: string) => `Leer lassen für den Standardnamen: ${fallback}`,
  save: "Speichern",
  errors: {
    name_too_long: "Höchstens 60 Zeichen.",
    invalid_characters: "Bitte nur Buchstaben, Ziffern und Satzzeichen.",
  },
};

export const bankNames = { en, de };

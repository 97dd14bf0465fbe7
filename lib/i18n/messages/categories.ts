const en = {
  label: "Category",
  uncategorised: "Uncategorised",
  fromBank: (name: string) => `Bank category: ${name}`,
  useBank: "Use the bank's category",
  yours: "Your category",
  tags: "Tags",
};
type Messages = typeof en;
const de: Messages = {
  label: "Kategorie",
  uncategorised: "Ohne Kategorie",
  fromBank: (name: string) => `Kategorie der Bank: ${name}`,
  useBank: "Kategorie der Bank verwenden",
  yours: "Deine Kategorie",
  tags: "Merkmale",
};
export const categories = { en, de };

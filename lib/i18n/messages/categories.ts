const en = {
  label: "Category",
  uncategorised: "Uncategorised",
  fromBank: (name: string) => `Bank category: ${name}`,
  useBank: "Use the bank's category",
  yours: "Your category",
  tags: "Tags",
  yourTags: "Your tags",
  ruleTags: (tags: string) => `From rules: ${tags}`,
  tagFilter: "Tag",
  tagFilterHint: "Your tags, rules' tags and the bank's",
};
type Messages = typeof en;
const de: Messages = {
  label: "Kategorie",
  uncategorised: "Ohne Kategorie",
  fromBank: (name: string) => `Kategorie der Bank: ${name}`,
  useBank: "Kategorie der Bank verwenden",
  yours: "Deine Kategorie",
  tags: "Merkmale",
  yourTags: "Deine Merkmale",
  ruleTags: (tags: string) => `Von Regeln: ${tags}`,
  tagFilter: "Merkmal",
  tagFilterHint: "Deine Merkmale, die der Regeln und die der Bank",
};
export const categories = { en, de };

// Base styles for the sandbox widget (`xs2a.useBaseStyles()`).

export const XS2A_CSS = `.xs2a-root{font-family:system-ui,sans-serif;max-width:28rem;color:#1a1a1a}
.xs2a-title{font-size:1.25rem;margin:0 0 .75rem}
.xs2a-field{display:flex;flex-direction:column;gap:.25rem;margin:0 0 .75rem;border:0;padding:0}
.xs2a-checkbox,.xs2a-radio{flex-direction:row;align-items:center;gap:.5rem}
.xs2a-field input[type=text],.xs2a-field input[type=password],.xs2a-field select{padding:.5rem;border:1px solid #767676;border-radius:4px;font:inherit}
.xs2a-field [aria-invalid=true]{border-color:#b00020}
.xs2a-field-error,.xs2a-error{color:#b00020;margin:.25rem 0}
.xs2a-success{color:#0b6b2b}
.xs2a-help{background:#f3f5f8;padding:.5rem .75rem;border-radius:4px;margin:0 0 .75rem}
.xs2a-help-title{font-weight:600;margin:0 0 .25rem}
.xs2a-actions{display:flex;gap:.5rem;flex-wrap:wrap}
.xs2a-button{padding:.5rem 1rem;border-radius:4px;border:1px solid #1a4fa0;background:#fff;color:#1a4fa0;font:inherit;cursor:pointer}
.xs2a-primary{background:#1a4fa0;color:#fff}
.xs2a-button:focus-visible,.xs2a-field :focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
`;

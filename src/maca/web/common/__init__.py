"""The shared web kit: view helpers (``views``), GOV.UK form partials (``templates/common/``) and
template tags (``govuk``), and the site navigation (``navigation``). Apps use it; it knows no app's
models (docs/architecture.md)."""

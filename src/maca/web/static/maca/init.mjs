import { initAll } from "../govuk/govuk-frontend.min.js";
import { initSelectAll } from "./select-all.mjs";
import { initTimeoutWarning } from "./timeout-warning.mjs";

initAll();
initTimeoutWarning(document.getElementById("maca-timeout"));
document.querySelectorAll("[data-maca-select-all]").forEach(initSelectAll);

// Starts the design system's components. Loaded as a module, so browsers without module support
// get plain, fully working HTML pages (no page needs JavaScript to work).
import { initAll } from "../build/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();

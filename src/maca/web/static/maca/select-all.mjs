// "Select all" for a list of checkboxes: an input with data-maca-select-all="name" ticks or
// clears every checkbox called "name" in its form, and clears itself when one is cleared.
// Without script the same input still works: the server takes it as "all the cases shown".

export function initSelectAll(control) {
  const form = control.form;
  const name = control.dataset.macaSelectAll;
  if (!form || !name) {
    return;
  }
  const boxes = () => Array.from(form.querySelectorAll(`input[type="checkbox"][name="${name}"]`));
  control.addEventListener("change", () => {
    boxes().forEach((box) => {
      box.checked = control.checked;
    });
  });
  boxes().forEach((box) => {
    box.addEventListener("change", () => {
      if (!box.checked) {
        control.checked = false;
      } else if (boxes().every((other) => other.checked)) {
        control.checked = true;
      }
    });
  });
}

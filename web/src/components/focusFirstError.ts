/**
 * After a submit that the form refused, moves the focus to the first field marked invalid, so a
 * keyboard or screen-reader user lands on what to fix (and a phone scrolls to it).
 */
export function focusFirstError(form: HTMLFormElement): void {
  requestAnimationFrame(() => {
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}

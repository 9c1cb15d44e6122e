// @ts-check
// The page's elements, found by id (or a form's controls by name) and checked to be of the
// type the code uses, so a template that lost one fails here, saying which.

/**
 * Return the element with this id, checked to be a `type`.
 * @template {Element} T
 * @param {string} id
 * @param {{new (): T}} type
 * @returns {T}
 */
export function elementOf(id, type) {
  const found = document.getElementById(id);
  if (found instanceof type) return found;
  throw new Error(`The page has no ${type.name} with the id "${id}".`);
}

/**
 * Return the HTML element with this id.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function $(id) {
  return elementOf(id, HTMLElement);
}

/**
 * Return the form's control with this name, checked to be a `type`.
 * @template {Element | RadioNodeList} T
 * @param {HTMLFormElement} form
 * @param {string} name
 * @param {{new (): T}} type
 * @returns {T}
 */
export function control(form, name, type) {
  const found = form.elements.namedItem(name);
  if (found instanceof type) return found;
  throw new Error(`The form "${form.id}" has no ${type.name} named "${name}".`);
}

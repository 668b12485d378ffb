/** The base of every fake Apps Script object: the tracker counts calls on these, labelled by `kind`. */
export abstract class Fake {
  abstract readonly kind: string;
}

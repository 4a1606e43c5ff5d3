import type { SubmitFunction } from '@sveltejs/kit';

/**
 * Whether a form's ConfirmStep shows, for the pages whose destructive form asks first: the page
 * opens it on the first submit (`enhance`), the server opens it without JavaScript (its action
 * answers « confirm? » until the form carries `confirm=1`: `serverAsks` reads that answer), and
 * « Annuler » closes either (`cancel`).
 */
export class ConfirmAsk {
	/** Opened by the page, on a submit that was not the step's own button. */
	opened = $state(false);
	/** « Annuler » was pressed: also hides a step the server asked for. */
	dismissed = $state(false);
	readonly #serverAsks: () => boolean;

	constructor(serverAsks: () => boolean = () => false) {
		this.#serverAsks = serverAsks;
	}

	get asking(): boolean {
		return this.opened || (!this.dismissed && this.#serverAsks());
	}

	cancel = (): void => {
		this.opened = false;
		this.dismissed = true;
	};

	/**
	 * `use:enhance` of the form: a submit by anything but the step's button (`name="confirm"`)
	 * opens the step instead of posting; the step's button posts, and `onConfirm` follows it.
	 */
	enhance(onConfirm: () => ReturnType<SubmitFunction> = () => undefined): SubmitFunction {
		return ({ submitter, cancel }) => {
			if (submitter?.getAttribute('name') !== 'confirm') {
				cancel();
				this.opened = true;
				this.dismissed = false;
				return;
			}
			return onConfirm();
		};
	}
}

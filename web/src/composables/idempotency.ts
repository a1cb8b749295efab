/**
 * One Idempotency-Key per submit attempt of a form: the same key for every retry of the same
 * content (so a retry after a lost answer does not place twice), a new one once the content
 * changes or the form succeeded.
 */
export class IdempotencyKeys {
  private key: string | null = null
  private content: string | null = null

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  keyFor(body: unknown): string {
    const content = JSON.stringify(body)
    if (this.key === null || content !== this.content) {
      this.key = this.newKey()
      this.content = content
    }
    return this.key
  }

  /** After a success: the next submit is a new order. */
  reset() {
    this.key = null
    this.content = null
  }
}

// Waits, turn by turn of the event loop, until `condition()` holds; fails after `limitMs`. For
// state that settles through socket events (a closed connection, a released slot).
export async function settle(condition: () => boolean, limitMs = 2000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${limitMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

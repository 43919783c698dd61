// A Disposable base: `_register(d)` keeps what a class owns and disposes it with the class, so no class
// keeps an `owned[]` array and its own dispose loop (the pattern of vscode-pull-request-github's lifecycle.ts).
import type * as vscode from 'vscode';

export abstract class Disposable implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  /** Owns `d`: it is disposed with this object (at once if this object is already disposed). */
  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.disposables.push(d);
    return d;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Last registered first, like a stack of resources.
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // One failing disposable must not keep the others alive.
      }
    }
  }
}

/** A disposable from a function (timers, listeners of plain Node emitters). */
export function toDisposable(fn: () => void): vscode.Disposable {
  return { dispose: fn };
}

import { useBlocker, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export interface LeaveGuardInput {
  /** The form differs from what the server holds. */
  dirty: boolean;
  /** The form may be saved now (valid, not locked, no conflict on screen). */
  saveable: boolean;
  /**
   * A save is in flight. It must turn false in the same render as `dirty` takes the save's outcome (not when the
   * fetcher goes idle, a render earlier), so the guard never reads a finished save as refused.
   */
  busy: boolean;
  /** Starts a save; its outcome shows as `dirty` turning false (saved) or `busy` ending while still dirty (refused). */
  save: () => void;
  /** Asks whether to leave anyway when the typing cannot be saved; true leaves. */
  confirmLeave: () => boolean;
}

type Path = { pathname: string; search: string; hash: string };

export type LeaveState = "idle" | "saving" | "failed";

/**
 * Typing is never lost silently. An in-app navigation while the form is dirty is held: a saveable form is saved
 * first and the navigation goes on once the save lands (it stays when the server refuses, and the form shows why);
 * a form that cannot be saved asks before leaving. Closing or reloading the tab while dirty asks the browser's
 * question (beforeunload; browsers show their own wording).
 */
export function useLeaveGuard({ dirty, saveable, busy, save, confirmLeave }: LeaveGuardInput): LeaveState {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  const navigate = useNavigate();
  // Where the person was going while their typing is saved. The blocked navigation itself is reset at once: the
  // save's revalidation would reset it anyway, so the guard navigates again itself once the save has landed.
  const [target, setTarget] = useState<Path | null>(null);
  const sent = useRef(false);
  const [state, setState] = useState<LeaveState>("idle");

  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (!dirty) {
      blocker.proceed();
      return;
    }
    if (saveable || busy) {
      const { pathname, search, hash } = blocker.location;
      blocker.reset();
      sent.current = false;
      // The router's blocker is the outside system this effect follows.
      // eslint-disable-next-line react-hooks/set-state-in-effect -- one update per blocked navigation
      setTarget({ pathname, search, hash });
      return;
    }
    if (confirmLeave()) blocker.proceed();
    else blocker.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `confirmLeave` is new per render; the state drives it
  }, [blocker.state]);

  useEffect(() => {
    if (!target || busy) return; // a save in flight decides first
    if (!dirty) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the save's outcome arrived: leave as asked
      setTarget(null);
      setState("idle");
      navigate(target);
      return;
    }
    if (!sent.current && saveable) {
      sent.current = true;
      setState("saving");
      save();
      return;
    }
    // Refused (invalid, conflict, locked) or not saveable: stay, and the form shows why.
    setTarget(null);
    setState("failed");
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `save` is new per render; the state drives it
  }, [target, busy, dirty, saveable]);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need a returnValue to ask at all.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);

  // A refusal stops being news once the form is saved.
  return state === "failed" && !dirty ? "idle" : state;
}

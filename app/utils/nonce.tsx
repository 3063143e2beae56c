// The CSP nonce of the current HTML response, handed from entry.server.tsx to the components that write inline
// scripts (<Scripts>, <ScrollRestoration>). Browser-safe: on the client it is simply empty.
import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}

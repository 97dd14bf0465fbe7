"use client";
import { createContext, useContext } from "react";

/** Asks for the password again; resolves true once this session is re-authenticated. */
export type ReauthPrompt = () => Promise<boolean>;

export const ReauthContext = createContext<ReauthPrompt | null>(null);

/** The prompt useAction calls when an action answers `reauth_required` (null outside ReauthProvider). */
export const useReauthPrompt = () => useContext(ReauthContext);

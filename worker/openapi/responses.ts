// Zod schemas of the API's answers, for the OpenAPI document only: the types themselves are
// domain/contract/api.ts (types only, so the task pane's bundle gains no zod). The checks at the
// end keep the two in step at compile time.
import { z } from "zod";
import type { ErrorAnswer } from "../../domain";

const Params = z.record(z.string(), z.union([z.string(), z.number()]));

/** `{ errors: [{ code, message, params, ...details }] }`: every 4xx and 5xx answer but a validation report. */
export const ErrorAnswerSchema = z.object({
  errors: z.array(
    z
      .object({
        code: z.string().meta({ description: "Mã ổn định (domain/rules/catalogue.ts)" }),
        message: z.string().meta({ description: "Thông báo tiếng Việt" }),
        params: Params.optional().meta({
          description: "Tham số của thông báo: ngôn ngữ khác được dựng từ code và params",
        }),
      })
      .catchall(z.unknown()),
  ),
});

type Assignable<From, To> = From extends To ? true : never;
const errorAnswerMatches: Assignable<z.infer<typeof ErrorAnswerSchema>, ErrorAnswer> = true;
void errorAnswerMatches;

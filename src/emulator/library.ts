/** A small built-in stand-in for Meta's template library (ListWhatsAppTemplateLibrary / create from library). */

/** One library entry in the SDK's MetaLibraryTemplateDefinition shape. */
export interface LibraryEntry {
  templateName: string;
  templateLanguage: string;
  templateCategory: "UTILITY" | "AUTHENTICATION";
  templateTopic: string;
  templateUseCase: string;
  templateIndustry: string[];
  templateHeader?: string;
  templateBody: string;
  templateButtons?: { type: string; text: string; phoneNumber?: string; url?: string; otpType?: string }[];
  templateId: string;
  templateBodyExampleParams: string[];
}

/** The built-in library entries. */
export const TEMPLATE_LIBRARY: readonly LibraryEntry[] = [
  {
    templateName: "order_confirmation_1",
    templateLanguage: "en_US",
    templateCategory: "UTILITY",
    templateTopic: "ORDER_MANAGEMENT",
    templateUseCase: "ORDER_CONFIRMATION",
    templateIndustry: ["E_COMMERCE"],
    templateHeader: "Order confirmed",
    templateBody: "Hi {{1}}, thank you for your order. Your order number is {{2}} and it will be delivered by {{3}}.",
    templateButtons: [{ type: "URL", text: "View order", url: "https://www.example.com/orders/{{1}}" }],
    templateId: "7000000000000001",
    templateBodyExampleParams: ["Ana", "#12345", "Friday"],
  },
  {
    templateName: "delivery_update_1",
    templateLanguage: "en_US",
    templateCategory: "UTILITY",
    templateTopic: "ORDER_MANAGEMENT",
    templateUseCase: "DELIVERY_UPDATE",
    templateIndustry: ["E_COMMERCE"],
    templateBody: "Good news {{1}}! Your order {{2}} is on its way and should arrive on {{3}}.",
    templateButtons: [{ type: "URL", text: "Track package", url: "https://www.example.com/track/{{1}}" }],
    templateId: "7000000000000002",
    templateBodyExampleParams: ["Ana", "#12345", "Friday"],
  },
  {
    templateName: "payment_reminder_1",
    templateLanguage: "en_US",
    templateCategory: "UTILITY",
    templateTopic: "PAYMENTS",
    templateUseCase: "PAYMENT_REMINDER",
    templateIndustry: ["FINANCIAL_SERVICES", "E_COMMERCE"],
    templateBody: "Hi {{1}}, this is a reminder that your payment of {{2}} is due on {{3}}.",
    templateButtons: [{ type: "PHONE_NUMBER", text: "Call us" }],
    templateId: "7000000000000003",
    templateBodyExampleParams: ["Ana", "$25.00", "June 1"],
  },
  {
    templateName: "appointment_reminder_1",
    templateLanguage: "en_US",
    templateCategory: "UTILITY",
    templateTopic: "APPOINTMENTS",
    templateUseCase: "APPOINTMENT_REMINDER",
    templateIndustry: ["HEALTH", "PROFESSIONAL_SERVICES"],
    templateBody: "Hello {{1}}, this is a reminder of your appointment on {{2}} at {{3}}.",
    templateId: "7000000000000004",
    templateBodyExampleParams: ["Ana", "June 1", "10:00"],
  },
  {
    templateName: "account_update_1",
    templateLanguage: "es_MX",
    templateCategory: "UTILITY",
    templateTopic: "ACCOUNT_UPDATES",
    templateUseCase: "ACCOUNT_UPDATE",
    templateIndustry: ["FINANCIAL_SERVICES"],
    templateBody: "Hola {{1}}, actualizamos los datos de tu cuenta el {{2}}.",
    templateId: "7000000000000005",
    templateBodyExampleParams: ["Ana", "1 de junio"],
  },
  {
    templateName: "verification_code_1",
    templateLanguage: "en_US",
    templateCategory: "AUTHENTICATION",
    templateTopic: "AUTHENTICATION",
    templateUseCase: "VERIFICATION_CODE",
    templateIndustry: ["E_COMMERCE", "FINANCIAL_SERVICES"],
    templateBody: "*{{1}}* is your verification code.",
    templateButtons: [{ type: "OTP", text: "Copy code", otpType: "COPY_CODE" }],
    templateId: "7000000000000006",
    templateBodyExampleParams: ["123456"],
  },
];

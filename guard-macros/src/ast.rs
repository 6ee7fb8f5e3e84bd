//! What the attribute was given: its options and the item it sits on.
//!
//! Parsing only checks shape (which option, which kind of token); what the
//! values mean is `valid.rs`'s job.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Error, Ident, LitStr, Result, Signature, Token, Visibility, braced};

/// Every option, as the user writes it, for "expected one of" messages.
pub const OPTIONS: &str = "`require(\"NAME\", ...)`, `allow(check_id, ...)`, \
`rename(VARIABLE = \"NAME\", ...)`, `no_database`, `no_secret`, `quiet`, `exit`, \
`dotenv` or `dotenv = \"PATH\"`";

/// The options inside `#[production_safe(...)]`, in the order written.
pub struct Args {
    pub options: Vec<Opt>,
}

/// One option; `keyword` is the option's own name, for spans.
pub struct Opt {
    pub keyword: Ident,
    pub kind: OptKind,
}

pub enum OptKind {
    /// `require("A", "B")`: variables of the app's own.
    Require(Vec<LitStr>),
    /// `allow(check_id, ...)`: checks that never block start-up.
    Allow(Vec<Ident>),
    /// `rename(SECRET_KEY = "SESSION_SECRET", ...)`.
    Rename(Vec<Rename>),
    NoDatabase,
    NoSecret,
    Quiet,
    Exit,
    /// `dotenv` or `dotenv = "PATH"`.
    Dotenv(Option<LitStr>),
}

pub struct Rename {
    pub variable: Ident,
    pub name: LitStr,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> Result<Self> {
        let options = Punctuated::<Opt, Token![,]>::parse_terminated(input)?;
        Ok(Args {
            options: options.into_iter().collect(),
        })
    }
}

impl Parse for Opt {
    fn parse(input: ParseStream) -> Result<Self> {
        let keyword = match input.parse::<Ident>() {
            Ok(keyword) => keyword,
            Err(_) => {
                return Err(unexpected(
                    input,
                    format!("expected an option: one of {OPTIONS}"),
                ));
            }
        };
        let kind = match keyword.to_string().as_str() {
            "require" => OptKind::Require(list(input, &keyword, "\"NAME\"", variable_name)?),
            "allow" => OptKind::Allow(list(input, &keyword, "check_id", check_id)?),
            "rename" => OptKind::Rename(list(input, &keyword, "VARIABLE = \"NAME\"", rename)?),
            "no_database" => flag(input, &keyword, OptKind::NoDatabase)?,
            "no_secret" => flag(input, &keyword, OptKind::NoSecret)?,
            "quiet" => flag(input, &keyword, OptKind::Quiet)?,
            "exit" => flag(input, &keyword, OptKind::Exit)?,
            "dotenv" => {
                if input.peek(Token![=]) {
                    input.parse::<Token![=]>()?;
                    if !input.peek(LitStr) {
                        return Err(unexpected(
                            input,
                            "expected the path of a .env file as a string literal: `dotenv = \".env.local\"`",
                        ));
                    }
                    OptKind::Dotenv(Some(input.parse()?))
                } else {
                    flag(input, &keyword, OptKind::Dotenv(None))?
                }
            }
            _ => {
                return Err(Error::new(
                    keyword.span(),
                    format!("unknown option `{keyword}`; expected one of {OPTIONS}"),
                ));
            }
        };
        Ok(Opt { keyword, kind })
    }
}

/// An option that takes no value: `quiet`, not `quiet = true` or `quiet()`.
fn flag(input: ParseStream, keyword: &Ident, kind: OptKind) -> Result<OptKind> {
    if input.is_empty() || input.peek(Token![,]) {
        Ok(kind)
    } else {
        Err(unexpected(
            input,
            format!("`{keyword}` takes no value: write `{keyword}` alone"),
        ))
    }
}

/// `keyword(item, ...)` with at least one item.
fn list<T>(
    input: ParseStream,
    keyword: &Ident,
    shape: &str,
    item: fn(ParseStream) -> Result<T>,
) -> Result<Vec<T>> {
    if !input.peek(syn::token::Paren) {
        return Err(Error::new(
            keyword.span(),
            format!("`{keyword}` takes a list: `{keyword}({shape}, ...)`"),
        ));
    }
    let content;
    let paren = syn::parenthesized!(content in input);
    let items = content.parse_terminated(item, Token![,])?;
    if items.is_empty() {
        return Err(Error::new(
            paren.span.join(),
            format!("`{keyword}()` is empty: write `{keyword}({shape}, ...)` or remove it"),
        ));
    }
    Ok(items.into_iter().collect())
}

fn variable_name(input: ParseStream) -> Result<LitStr> {
    if input.peek(LitStr) {
        input.parse()
    } else {
        Err(unexpected(
            input,
            "expected a variable name as a string literal, e.g. `\"REDIS_URL\"`",
        ))
    }
}

fn check_id(input: ParseStream) -> Result<Ident> {
    if input.peek(Ident) {
        input.parse()
    } else if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        Err(Error::new(
            lit.span(),
            format!(
                "a check id is written without quotes: `allow({})`",
                lit.value()
            ),
        ))
    } else {
        Err(unexpected(
            input,
            "expected a check id, e.g. `allow(database_host_local)`",
        ))
    }
}

fn rename(input: ParseStream) -> Result<Rename> {
    const SHAPE: &str = "expected `VARIABLE = \"NAME\"`, e.g. `rename(SECRET_KEY = \"SESSION_SECRET\")`; \
VARIABLE is one of `DEBUG`, `LOCAL_TEST`, `DATABASE_URL`, `SECRET_KEY`, `ALLOWED_HOSTS`, `SITE_URL`";
    if !input.peek(Ident) {
        return Err(unexpected(input, SHAPE));
    }
    let variable: Ident = input.parse()?;
    if !input.peek(Token![=]) {
        return Err(Error::new(variable.span(), SHAPE));
    }
    input.parse::<Token![=]>()?;
    let name = variable_name(input)?;
    Ok(Rename { variable, name })
}

/// An error on the next token (or the end of the input).
fn unexpected(input: ParseStream, message: impl std::fmt::Display) -> Error {
    match input.fork().parse::<TokenTree>() {
        Ok(token) => Error::new(token.span(), message),
        Err(_) => input.error(message),
    }
}

/// The item the attribute sits on, when it is a fn with a body.
///
/// Like tokio-macros, the body stays an unparsed token stream: faster, and
/// it survives a body syn cannot parse.
pub struct MainFn {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub sig: Signature,
    pub brace_token: syn::token::Brace,
    pub inner_attrs: Vec<Attribute>,
    pub body: TokenStream,
}

impl Parse for MainFn {
    fn parse(input: ParseStream) -> Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        if input.fork().parse::<Signature>().is_err() {
            return Err(unexpected(
                input,
                "#[production_safe] goes on `fn main`, not on this item",
            ));
        }
        let sig: Signature = input.parse()?;
        if !input.peek(syn::token::Brace) {
            return Err(unexpected(
                input,
                "#[production_safe] needs `fn main` with a body",
            ));
        }
        let content;
        let brace_token = braced!(content in input);
        let inner_attrs = content.call(Attribute::parse_inner)?;
        let body: TokenStream = content.parse()?;
        Ok(MainFn {
            attrs,
            vis,
            sig,
            brace_token,
            inner_attrs,
            body,
        })
    }
}

impl MainFn {
    pub fn has_parameters(&self) -> bool {
        !self.sig.inputs.is_empty() || self.sig.variadic.is_some()
    }

    /// On `main(args: T)`, the error path's item: `fn main()` whose body
    /// binds each parameter to a diverging value, so the body still type
    /// checks and the macro's error is the only one (rustc's own "`main`
    /// function has wrong type" would follow it).
    pub fn without_parameters(mut self) -> TokenStream {
        let bindings: Vec<TokenStream> = std::mem::take(&mut self.sig.inputs)
            .into_iter()
            .filter_map(|input| match input {
                syn::FnArg::Typed(syn::PatType { pat, ty, .. }) => {
                    Some(quote::quote!(let #pat: #ty = ::core::unreachable!();))
                }
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        self.sig.variadic = None;
        self.sig.inputs = Punctuated::new();
        let mut tokens = quote::quote!(#[allow(unreachable_code, unused_variables)]);
        tokens.extend(self.with_first_statement(bindings.into_iter().collect()));
        tokens
    }

    /// The fn with `first` as its first statement, everything else as it
    /// came: attributes in order, signature, inner attributes, body.
    pub fn with_first_statement(&self, first: TokenStream) -> TokenStream {
        use quote::ToTokens;
        let mut tokens = TokenStream::new();
        for attr in &self.attrs {
            attr.to_tokens(&mut tokens);
        }
        self.vis.to_tokens(&mut tokens);
        self.sig.to_tokens(&mut tokens);
        self.brace_token.surround(&mut tokens, |tokens| {
            for attr in &self.inner_attrs {
                attr.to_tokens(tokens);
            }
            tokens.extend(first);
            tokens.extend(self.body.clone());
        });
        tokens
    }
}

/// The span of the whole parameter list, for "`main` takes no parameters".
pub fn parameters_span(sig: &Signature) -> Span {
    sig.paren_token.span.join()
}

//! What the attribute was given: its options and the item it sits on.
//!
//! Parsing only checks shape (which option, which kind of token); what the
//! values mean is `valid.rs`'s job.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Error, Ident, LitStr, Result, Token, Visibility};

/// Every option, as the user writes it, for "expected one of" messages.
pub const OPTIONS: &str = "`profile(name)`, `require(\"NAME\", ...)`, `allow(check_id, ...)`, \
`rename(VARIABLE = \"NAME\", ...)`, `no_database`, `no_secret`, `cookie_key`, `quiet`, `exit`, \
`dotenv` or `dotenv = \"PATH\"`, `probe` or `probe = \"500ms\"`, `crate = \"PATH\"`";

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
    /// `profile(rails)`: the framework whose names and rules apply.
    Profile(Ident),
    /// `require("A", "B")`: variables of the app's own.
    Require(Vec<LitStr>),
    /// `allow(check_id, ...)`: checks that never block start-up.
    Allow(Vec<CheckId>),
    /// `rename(SECRET_KEY = "SESSION_SECRET", ...)`.
    Rename(Vec<Rename>),
    NoDatabase,
    NoSecret,
    /// The secret signs Rust's `cookie::Key`: 64 bytes.
    CookieKey,
    Quiet,
    Exit,
    /// `dotenv` or `dotenv = "PATH"`.
    Dotenv(Option<LitStr>),
    /// `probe` or `probe = "500ms"`: the live probe, and its time bound.
    Probe(Option<LitStr>),
    /// The path prodguard is reached by, for a renamed dependency.
    Crate(syn::Path),
}

/// A check named in `allow(...)`: its id, or `Check::Variant` as the
/// `Policy` builder writes it.
pub enum CheckId {
    Id(Ident),
    Variant(Ident),
}

impl CheckId {
    pub fn ident(&self) -> &Ident {
        match self {
            CheckId::Id(ident) | CheckId::Variant(ident) => ident,
        }
    }
}

pub struct Rename {
    pub variable: Ident,
    pub name: LitStr,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> Result<Self> {
        let options = Punctuated::<Opt, Token![,]>::parse_terminated(input)?;
        Ok(Args { options: options.into_iter().collect() })
    }
}

impl Parse for Opt {
    fn parse(input: ParseStream) -> Result<Self> {
        if input.peek(Token![crate]) {
            let keyword: Token![crate] = input.parse()?;
            let keyword = Ident::new("crate", keyword.span);
            if !input.peek(Token![=]) {
                return Err(Error::new(
                    keyword.span(),
                    "`crate` takes the path prodguard is known by: `crate = \"my_guard\"`",
                ));
            }
            input.parse::<Token![=]>()?;
            let lit: LitStr = input.parse().map_err(|_| {
                unexpected(input, "expected a path as a string literal: `crate = \"my_guard\"`")
            })?;
            let path = lit.parse::<syn::Path>().map_err(|_| {
                Error::new(lit.span(), "expected a path, e.g. `crate = \"my_guard\"`")
            })?;
            return Ok(Opt { keyword, kind: OptKind::Crate(path) });
        }
        let keyword = match input.parse::<Ident>() {
            Ok(keyword) => keyword,
            Err(_) => {
                return Err(unexpected(input, format!("expected an option: one of {OPTIONS}")));
            }
        };
        let kind = match keyword.to_string().as_str() {
            "profile" => OptKind::Profile(profile(input, &keyword)?),
            "require" => OptKind::Require(list(input, &keyword, "\"NAME\"", variable_name)?),
            "allow" => OptKind::Allow(list(input, &keyword, "check_id", check_id)?),
            "rename" => OptKind::Rename(list(input, &keyword, "VARIABLE = \"NAME\"", rename)?),
            "no_database" => flag(input, &keyword, OptKind::NoDatabase)?,
            "no_secret" => flag(input, &keyword, OptKind::NoSecret)?,
            "cookie_key" => flag(input, &keyword, OptKind::CookieKey)?,
            "quiet" => flag(input, &keyword, OptKind::Quiet)?,
            "exit" => flag(input, &keyword, OptKind::Exit)?,
            "dotenv" => flag_or_string(
                input,
                &keyword,
                "expected the path of a .env file as a string literal: `dotenv = \".env.local\"`",
                OptKind::Dotenv,
            )?,
            "probe" => flag_or_string(
                input,
                &keyword,
                "expected the probe's time bound as a string literal: `probe = \"500ms\"` or `probe = \"2s\"`",
                OptKind::Probe,
            )?,
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
        Err(unexpected(input, format!("`{keyword}` takes no value: write `{keyword}` alone")))
    }
}

/// `keyword` alone, or `keyword = "…"`; `expected` says what the string is.
fn flag_or_string(
    input: ParseStream,
    keyword: &Ident,
    expected: &str,
    kind: fn(Option<LitStr>) -> OptKind,
) -> Result<OptKind> {
    if !input.peek(Token![=]) {
        return flag(input, keyword, kind(None));
    }
    input.parse::<Token![=]>()?;
    if !input.peek(LitStr) {
        return Err(unexpected(input, expected));
    }
    Ok(kind(Some(input.parse()?)))
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

/// `profile(name)`: one identifier; which ones exist is prodguard's
/// `__profile!` to say.
fn profile(input: ParseStream, keyword: &Ident) -> Result<Ident> {
    const SHAPE: &str = "`profile` takes one framework: `profile(rails)`";
    if !input.peek(syn::token::Paren) {
        return Err(Error::new(keyword.span(), SHAPE));
    }
    let content;
    syn::parenthesized!(content in input);
    let name: Ident = content.parse().map_err(|_| unexpected(&content, SHAPE))?;
    if !content.is_empty() {
        return Err(unexpected(&content, SHAPE));
    }
    Ok(name)
}

fn variable_name(input: ParseStream) -> Result<LitStr> {
    if input.peek(LitStr) {
        input.parse()
    } else {
        Err(unexpected(input, "expected a variable name as a string literal, e.g. `\"REDIS_URL\"`"))
    }
}

fn check_id(input: ParseStream) -> Result<CheckId> {
    if input.peek(Ident) && input.peek2(Token![::]) {
        let ty: Ident = input.parse()?;
        input.parse::<Token![::]>()?;
        let variant: Ident = input.parse()?;
        if ty != "Check" {
            return Err(Error::new(
                ty.span(),
                format!(
                    "expected a check id, e.g. `allow(database_host_local)`, or `Check::Variant`; `{ty}::{variant}` is neither"
                ),
            ));
        }
        Ok(CheckId::Variant(variant))
    } else if input.peek(Ident) {
        Ok(CheckId::Id(input.parse()?))
    } else if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        Err(Error::new(
            lit.span(),
            format!("a check id is written without quotes: `allow({})`", lit.value()),
        ))
    } else {
        Err(unexpected(input, "expected a check id, e.g. `allow(database_host_local)`"))
    }
}

fn rename(input: ParseStream) -> Result<Rename> {
    const SHAPE: &str = "expected `VARIABLE = \"NAME\"`, e.g. `rename(SECRET_KEY = \"SESSION_SECRET\")`; \
VARIABLE is the profile's name for it (`DEBUG`, `SECRET_KEY`, ...; `APP_KEY` under `profile(laravel)`)";
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
/// it survives a body syn cannot parse. The signature is read token by
/// token too, so syn's `full` feature (and its compile time) is not needed.
pub struct MainFn {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    /// `const`, `async`, `unsafe`, `extern "ABI"`, then `fn`, as written.
    pub head: TokenStream,
    pub ident: Ident,
    /// Generic parameters as written (`main` has none; rustc says so).
    pub generics: TokenStream,
    /// The parenthesized parameter list.
    pub params: Group,
    /// Return type and where clause, as written.
    pub tail: TokenStream,
    pub brace_span: Span,
    pub inner_attrs: Vec<Attribute>,
    pub body: TokenStream,
}

fn is_punct(tree: &TokenTree, ch: char) -> bool {
    matches!(tree, TokenTree::Punct(p) if p.as_char() == ch)
}

/// How deep in `<...>` a walk along tokens is (a `->` closes nothing).
#[derive(Default)]
struct Angles {
    depth: usize,
    after_dash: bool,
}

impl Angles {
    /// Takes the next token; the depth after it.
    fn step(&mut self, tree: &TokenTree) -> usize {
        if is_punct(tree, '<') {
            self.depth += 1;
        } else if is_punct(tree, '>') && !self.after_dash {
            self.depth = self.depth.saturating_sub(1);
        }
        self.after_dash = is_punct(tree, '-');
        self.depth
    }
}

impl Parse for MainFn {
    fn parse(input: ParseStream) -> Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let start = input.fork();
        let not_a_fn =
            || unexpected(&start, "#[production_safe] goes on `fn main`, not on this item");
        let mut head = TokenStream::new();
        loop {
            let tree: TokenTree = input.parse().map_err(|_| not_a_fn())?;
            let is_fn = matches!(&tree, TokenTree::Ident(i) if i == "fn");
            let qualifier = match &tree {
                TokenTree::Ident(i) => {
                    ["const", "async", "unsafe", "safe", "extern"].iter().any(|q| i == q)
                }
                TokenTree::Literal(_) => true, // an ABI string after `extern`
                _ => false,
            };
            if !is_fn && !qualifier {
                return Err(not_a_fn());
            }
            head.extend([tree]);
            if is_fn {
                break;
            }
        }
        let ident: Ident = input.parse().map_err(|_| not_a_fn())?;
        let mut generics = TokenStream::new();
        if input.peek(Token![<]) {
            let mut angles = Angles::default();
            loop {
                let tree: TokenTree = input.parse().map_err(|_| not_a_fn())?;
                let depth = angles.step(&tree);
                generics.extend([tree]);
                if depth == 0 {
                    break;
                }
            }
        }
        let params = match input.parse::<TokenTree>() {
            Ok(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis => group,
            _ => return Err(not_a_fn()),
        };
        let mut rest: Vec<TokenTree> = Vec::new();
        while !input.is_empty() {
            rest.push(input.parse()?);
        }
        let body = match rest.pop() {
            Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Brace => group,
            Some(last) => {
                return Err(Error::new(
                    last.span(),
                    "#[production_safe] needs `fn main` with a body",
                ));
            }
            None => return Err(input.error("#[production_safe] needs `fn main` with a body")),
        };
        let (inner_attrs, body_tokens) = syn::parse::Parser::parse2(
            |content: ParseStream| {
                let inner = content.call(Attribute::parse_inner)?;
                let body: TokenStream = content.parse()?;
                Ok((inner, body))
            },
            body.stream(),
        )?;
        Ok(MainFn {
            attrs,
            vis,
            head,
            ident,
            generics,
            params,
            tail: rest.into_iter().collect(),
            brace_span: body.span(),
            inner_attrs,
            body: body_tokens,
        })
    }
}

impl MainFn {
    pub fn has_parameters(&self) -> bool {
        !self.params.stream().is_empty()
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
        tokens.extend(self.head.clone());
        self.ident.to_tokens(&mut tokens);
        tokens.extend(self.generics.clone());
        tokens.extend([TokenTree::Group(self.params.clone())]);
        tokens.extend(self.tail.clone());
        let mut inner = TokenStream::new();
        for attr in &self.inner_attrs {
            attr.to_tokens(&mut inner);
        }
        inner.extend(first);
        inner.extend(self.body.clone());
        let mut body = Group::new(Delimiter::Brace, inner);
        body.set_span(self.brace_span);
        tokens.extend([TokenTree::Group(body)]);
        tokens
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::MainFn;

    fn main_fn(item: proc_macro2::TokenStream) -> MainFn {
        syn::parse2(item).expect("a fn")
    }

    #[test]
    fn the_signature_is_kept_as_written() {
        let item = quote!(
            #[doc = "x"]
            pub async unsafe extern "C" fn main() -> Result<(), Box<dyn std::error::Error>>
            where
                u8: Copy,
            {
                #![allow(unused)]
                body()
            }
        );
        let main = main_fn(item);
        assert_eq!(main.ident, "main");
        assert!(!main.has_parameters());
        assert_eq!(
            main.with_first_statement(quote!(first();)).to_string(),
            quote!(
                #[doc = "x"]
                pub async unsafe extern "C" fn main() -> Result<(), Box<dyn std::error::Error>>
                where
                    u8: Copy,
                {
                    #![allow(unused)]
                    first();
                    body()
                }
            )
            .to_string()
        );
    }

    #[test]
    fn items_that_are_no_fn_with_a_body_are_errors() {
        for item in [
            quote!(
                struct Main;
            ),
            quote!(
                fn main();
            ),
            quote!(fn () {}),
            quote!(fn main),
            quote!(static fn main() {}),
        ] {
            assert!(syn::parse2::<MainFn>(item.clone()).is_err(), "{item}");
        }
    }
}

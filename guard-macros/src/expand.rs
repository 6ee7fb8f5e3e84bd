//! Turns the options into one statement at the top of `main`: a call of
//! prodguard's hidden door, with absolute paths so a user's own
//! `mod prodguard` or shadowed prelude cannot break it.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

use crate::ast::{Args, CheckId, MainFn, OptKind};
use crate::valid;

pub fn production_safe(args: TokenStream, item: TokenStream) -> TokenStream {
    let main: MainFn = match syn::parse2(item.clone()) {
        Ok(main) => main,
        Err(error) => return with_error(item, error),
    };
    let args: Args = match syn::parse2(args) {
        Ok(args) => args,
        Err(error) => return with_error(item, error),
    };
    if let Err(error) = valid::main_fn(&main).and(valid::args(&args)) {
        return with_error(item, error);
    }
    main.with_first_statement(first_statement(&args))
}

/// The original item plus the error, as tokio-macros does: one clear
/// error, and no spurious "`main` function not found".
fn with_error(mut item: TokenStream, error: syn::Error) -> TokenStream {
    item.extend(error.into_compile_error());
    item
}

fn first_statement(args: &Args) -> TokenStream {
    let krate = args
        .options
        .iter()
        .find_map(|opt| match &opt.kind {
            OptKind::Crate(path) => Some(quote!(#path)),
            _ => None,
        })
        .unwrap_or_else(|| quote!(::prodguard));
    let door = quote!(#krate::__private);
    let mut policy = Vec::new();
    let mut renames = Vec::new();
    let mut quiet = false;
    let mut exit = false;
    let mut dotenv = None;
    let mut profile = None;
    let mut probe = None;
    for opt in &args.options {
        match &opt.kind {
            OptKind::Profile(id) => {
                // Through prodguard's `__profile!`, whose last arm lists
                // the valid ids.
                let krate = respan(&krate, id.span());
                profile = Some(quote_spanned!(id.span()=> #krate::__profile!(#id)));
            }
            OptKind::Require(names) => {
                policy.extend(names.iter().map(|name| quote!(.require(#name))));
            }
            OptKind::Allow(ids) => {
                // Paths the compiler resolves at the user's span: an id
                // through prodguard's `__check!`, whose last arm lists the
                // valid ids; a variant through `Check`, with rustc's own
                // "similar name" hint.
                policy.extend(ids.iter().map(|id| match id {
                    CheckId::Id(id) => {
                        let krate = respan(&krate, id.span());
                        let check = quote_spanned!(id.span()=> #krate::__check!(#id));
                        quote!(.allow(#check))
                    }
                    CheckId::Variant(variant) => quote!(.allow(#krate::Check::#variant)),
                }));
            }
            OptKind::Rename(list) => {
                for rename in list {
                    let (variable, name) = (&rename.variable, &rename.name);
                    let span = variable.span();
                    let krate = respan(&krate, span);
                    let variable = quote_spanned!(span=> #krate::__variable!(#variable));
                    let written = rename.variable.to_string();
                    policy.push(quote!(.rename(#variable, #name)));
                    renames.push(quote!((#variable, #written, #name)));
                }
            }
            OptKind::NoDatabase => policy.push(quote!(.no_database())),
            OptKind::NoSecret => policy.push(quote!(.no_secret())),
            OptKind::CookieKey => policy.push(quote!(.cookie_key())),
            OptKind::Quiet => quiet = true,
            OptKind::Exit => exit = true,
            OptKind::Dotenv(path) => {
                let path = match path {
                    Some(path) => quote!(#path),
                    None => quote!(".env"),
                };
                // Spanned on the option, so that without prodguard's
                // `dotenv` feature the error points at it.
                let span: Span = opt.keyword.span();
                dotenv = Some(quote_spanned!(span=> #door::DotenvFile(#path)));
            }
            OptKind::Probe(bound) => {
                let millis = match bound {
                    // Validated in `valid.rs`.
                    Some(bound) => valid::probe_millis(&bound.value()).unwrap_or_default(),
                    None => valid::DEFAULT_PROBE_MILLIS,
                };
                // Spanned on the option, so that without prodguard's
                // `probe` feature the error points at it.
                let span: Span = opt.keyword.span();
                probe = Some(quote_spanned!(span=> #door::ProbeTimeout(#millis)));
            }
            OptKind::Crate(_) => {}
        }
    }
    // The profile is named once, so a misspelt one is one error.
    let (profile_item, builder, profile) = match profile {
        Some(profile) => (
            quote!(const PROFILE: #krate::Profile = #profile;),
            quote!(#door::PolicyBuilder::for_profile(PROFILE)),
            quote!(PROFILE),
        ),
        None => (quote!(), quote!(#door::PolicyBuilder::new()), quote!(#krate::Profile::Django)),
    };
    let policy = match probe {
        Some(bound) => {
            quote!(::core::option::Option::Some(#door::probe(#builder #(#policy)*, #bound)))
        }
        // The default policy.
        None if policy.is_empty() && profile_item.is_empty() => {
            quote!(::core::option::Option::None)
        }
        None => quote!(::core::option::Option::Some(#builder #(#policy)*)),
    };
    // Two variables on one name, or a name the profile does not use, is
    // refused by prodguard while compiling, not by a panic at start-up.
    let renames = (!renames.is_empty())
        .then(|| quote!(const _: () = #door::assert_renames(#profile, &[#(#renames),*]);));
    let startup = quote!(#door::Startup { quiet: #quiet, exit: #exit });
    let start = match dotenv {
        Some(file) => quote!(#door::start_with(#policy, #startup, #file);),
        None => quote!(#door::start(#policy, #startup);),
    };
    quote! {{ #profile_item #renames #start }}
}

/// `tokens` with every span set to `span`, so that an error in the code
/// they start points at the user's token, not at the whole attribute.
fn respan(tokens: &TokenStream, span: Span) -> TokenStream {
    tokens
        .clone()
        .into_iter()
        .map(|mut tree| {
            if let proc_macro2::TokenTree::Group(group) = &tree {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), respan(&group.stream(), span));
                inner.set_span(span);
                tree = inner.into();
            }
            tree.set_span(span);
            tree
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::production_safe;

    fn expand(args: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> String {
        production_safe(args, item).to_string()
    }

    #[test]
    fn expansions() {
        let body = quote!(
            {
                #![allow(unused)]
                println!("body");
                0
            }
        );
        let cases = [
            (
                "no option: the default policy",
                quote!(),
                "fn main () { # ! [allow (unused)] { :: prodguard :: __private :: start (:: core :: option :: Option :: None , :: prodguard :: __private :: Startup { quiet : false , exit : false }) ; } println ! (\"body\") ; 0 }",
            ),
            (
                "options in the order written, flags in Startup",
                quote!(
                    require("A", "B"),
                    allow(database_host_local, Check::SqliteInProduction),
                    rename(SECRET_KEY = "S"),
                    no_database,
                    no_secret,
                    quiet,
                    exit
                ),
                "fn main () { # ! [allow (unused)] { const _ : () = :: prodguard :: __private :: assert_renames (:: prodguard :: Profile :: Django , & [(:: prodguard :: __variable ! (SECRET_KEY) , \"SECRET_KEY\" , \"S\")]) ; :: prodguard :: __private :: start (:: core :: option :: Option :: Some (:: prodguard :: __private :: PolicyBuilder :: new () . require (\"A\") . require (\"B\") . allow (:: prodguard :: __check ! (database_host_local)) . allow (:: prodguard :: Check :: SqliteInProduction) . rename (:: prodguard :: __variable ! (SECRET_KEY) , \"S\") . no_database () . no_secret ()) , :: prodguard :: __private :: Startup { quiet : true , exit : true }) ; } println ! (\"body\") ; 0 }",
            ),
            (
                "a profile, named once",
                quote!(profile(laravel), rename(APP_KEY = "K")),
                "fn main () { # ! [allow (unused)] { const PROFILE : :: prodguard :: Profile = :: prodguard :: __profile ! (laravel) ; const _ : () = :: prodguard :: __private :: assert_renames (PROFILE , & [(:: prodguard :: __variable ! (APP_KEY) , \"APP_KEY\" , \"K\")]) ; :: prodguard :: __private :: start (:: core :: option :: Option :: Some (:: prodguard :: __private :: PolicyBuilder :: for_profile (PROFILE) . rename (:: prodguard :: __variable ! (APP_KEY) , \"K\")) , :: prodguard :: __private :: Startup { quiet : false , exit : false }) ; } println ! (\"body\") ; 0 }",
            ),
            (
                "probe, with and without a bound",
                quote!(probe = "2s"),
                "fn main () { # ! [allow (unused)] { :: prodguard :: __private :: start (:: core :: option :: Option :: Some (:: prodguard :: __private :: probe (:: prodguard :: __private :: PolicyBuilder :: new () , :: prodguard :: __private :: ProbeTimeout (2000u64))) , :: prodguard :: __private :: Startup { quiet : false , exit : false }) ; } println ! (\"body\") ; 0 }",
            ),
            (
                "dotenv, and a renamed prodguard",
                quote!(dotenv, crate = "guard"),
                "fn main () { # ! [allow (unused)] { guard :: __private :: start_with (:: core :: option :: Option :: None , guard :: __private :: Startup { quiet : false , exit : false } , guard :: __private :: DotenvFile (\".env\")) ; } println ! (\"body\") ; 0 }",
            ),
        ];
        for (case, args, expected) in cases {
            assert_eq!(expand(args, quote!(fn main() #body)), expected, "{case}");
        }
    }

    #[test]
    fn attributes_and_signature_are_kept() {
        let expanded = expand(
            quote!(),
            quote!(
                #[tokio::main]
                #[allow(dead_code)]
                pub async fn main() -> Result<(), E> {
                    Ok(())
                }
            ),
        );
        assert!(
            expanded.starts_with("# [tokio :: main] # [allow (dead_code)] pub async fn main () -> Result < () , E > {"),
            "{expanded}"
        );
    }

    #[test]
    fn an_error_keeps_the_item_and_adds_one_compile_error() {
        let cases = [
            (
                "not main",
                quote!(),
                quote!(
                    fn start() {}
                ),
            ),
            (
                "not a fn",
                quote!(),
                quote!(
                    struct Config;
                ),
            ),
            (
                "unknown option",
                quote!(quite),
                quote!(
                    fn main() {}
                ),
            ),
        ];
        for (case, args, item) in cases {
            let expanded = expand(args, item.clone());
            assert!(expanded.starts_with(&item.to_string()), "{case}: {expanded}");
            assert_eq!(expanded.matches("compile_error").count(), 1, "{case}: {expanded}");
            assert!(!expanded.contains("__private :: start"), "{case}: {expanded}");
        }
    }
}
